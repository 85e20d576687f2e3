using CocReports.Procedure.Links;
using CocReports.Procedure.Organizers;
using LinkOptions = CocReports.Procedure.Links.LinkOptions;

namespace CocReports.LocalHost;

/// <summary>
/// Makes an organizer's intake link from the same configuration the app runs with (appsettings, environment, command
/// line), so the committee can hand it out: `dotnet CocReports.LocalHost.dll organizer-link ada`.
/// </summary>
static class OrganizerLinkCommand
{
    public static int Run(string organizerId, string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();
        var organizers = configuration.GetSection(OrganizerOptions.Section).Get<OrganizerOptions>() ?? new OrganizerOptions();
        if (organizers.Find(organizerId) is null)
        {
            Console.Error.WriteLine($"No organizer with the id \"{organizerId}\" is configured under {OrganizerOptions.Section}:People.");
            return 1;
        }

        var links = new OrganizerLinks(configuration.GetSection(LinkOptions.Section).Get<LinkOptions>() ?? new LinkOptions(), TimeProvider.System);
        Console.WriteLine(links.Create(organizerId).AbsoluteUri);
        return 0;
    }
}
