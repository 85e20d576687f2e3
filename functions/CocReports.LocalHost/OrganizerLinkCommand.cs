using CocReports.Procedure.Links;
using CocReports.Procedure.Organizers;
using LinkOptions = CocReports.Procedure.Links.LinkOptions;

namespace CocReports.LocalHost;

/// <summary>
/// Makes an organizer's intake link from the same configuration the app runs with (appsettings, environment, command
/// line), so the committee can hand it out: `az keyvault secret show … -o tsv | dotnet CocReports.LocalHost.dll organizer-link ada`.
/// The signing key comes from standard input or the environment (Links__SigningKey), never from the command line,
/// where shell history and `ps` would show the key every link and receipt hangs on.
/// </summary>
static class OrganizerLinkCommand
{
    public static int Run(string organizerId, string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        var commandLine = new ConfigurationBuilder().AddCommandLine(args).Build().GetSection(LinkOptions.Section);
        if (commandLine[nameof(LinkOptions.SigningKey)] is not null || commandLine[nameof(LinkOptions.PreviousSigningKey)] is not null)
        {
            error.WriteLine("A signing key is not taken from the command line, where shell history and process lists show it. Pipe it to standard input, or set Links__SigningKey in the environment.");
            return 2;
        }

        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();
        var organizers = configuration.GetSection(OrganizerOptions.Section).Get<OrganizerOptions>() ?? new OrganizerOptions();
        if (organizers.Find(organizerId) is null)
        {
            error.WriteLine($"No organizer with the id \"{organizerId}\" is configured under {OrganizerOptions.Section}:People.");
            return 1;
        }

        var options = configuration.GetSection(LinkOptions.Section).Get<LinkOptions>() ?? new LinkOptions();
        if (input.ReadLine()?.Trim() is { Length: > 0 } key)
        {
            options.SigningKey = key;
        }

        if (string.IsNullOrEmpty(options.SigningKey))
        {
            error.WriteLine("No signing key: pipe it to standard input (az keyvault secret show … --query value -o tsv | …), or set Links__SigningKey in the environment.");
            return 2;
        }

        output.WriteLine(new OrganizerLinks(options, TimeProvider.System).Create(organizerId).AbsoluteUri);
        return 0;
    }
}
