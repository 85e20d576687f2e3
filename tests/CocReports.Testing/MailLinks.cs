using System.Text.RegularExpressions;

namespace CocReports.Testing;

/// <summary>Finds the action links in a mail's plain text, as a member's mail client would show them.</summary>
public static partial class MailLinks
{
    public static Uri Find(string text, string action) =>
        new(LinkPattern().Matches(text).Select(m => m.Value).First(url => url.Contains($"/{action}?", StringComparison.Ordinal)));

    public static string Token(Uri link) => System.Web.HttpUtility.ParseQueryString(link.Query)["token"]!;

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();
}
