using CocReports.LocalHost;
using CocReports.Procedure.Links;
using CocReports.Procedure.Organizers;

namespace CocReports.IntegrationTests;

/// <summary>
/// `organizer-link`: the root signing key never goes on a command line, where shell history and `ps` would show it;
/// it comes from standard input (or the environment, as the app's own settings do).
/// </summary>
public sealed class OrganizerLinkCommandTests
{
    static readonly string Key = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    static readonly string[] Settings = ["--Organizers:People:0:Id=ada", "--Organizers:People:0:Name=Ada", "--Links:PublicBaseUrl=https://coc.example.org"];

    [Fact]
    public void The_key_is_read_from_standard_input_and_the_link_verifies_with_it()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = OrganizerLinkCommand.Run("ada", Settings, new StringReader(Key + "\n"), output, error);

        Assert.Equal(0, exitCode);
        var link = new Uri(output.ToString().Trim());
        Assert.StartsWith("https://coc.example.org/api/organizer/intake?token=", link.AbsoluteUri, StringComparison.Ordinal);
        var organizers = new OrganizerOptions { People = [new Organizer { Id = "ada" }] };
        var check = new OrganizerLinks(new LinkOptions { SigningKey = Key }, TimeProvider.System).Check(link.Query["?token=".Length..], organizers);
        Assert.Equal(LinkStatus.Valid, check.Status);
    }

    [Theory]
    [InlineData("--Links:SigningKey")]
    [InlineData("--links:signingkey")]
    [InlineData("--Links:PreviousSigningKey")]
    public void A_key_on_the_command_line_is_refused_and_no_link_is_made(string option)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = OrganizerLinkCommand.Run("ada", [.. Settings, $"{option}={Key}"], new StringReader(""), output, error);

        Assert.NotEqual(0, exitCode);
        Assert.Empty(output.ToString());
        Assert.Contains("standard input", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_key_no_link_is_made()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = OrganizerLinkCommand.Run("ada", Settings, new StringReader(""), output, error);

        Assert.NotEqual(0, exitCode);
        Assert.Empty(output.ToString());
    }
}
