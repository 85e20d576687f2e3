using System.Net;
using System.Text.RegularExpressions;

namespace CocReports.Procedure.Patterns;

/// <summary>
/// The identifiers a report gives of the reported person: email addresses, @handles, profile URLs of well-known
/// platforms, IP addresses, and the name that is left. Canonical, so that spellings of one identifier meet: case,
/// whitespace, "@", "mailto:" and the forms of a profile URL do not matter.
/// </summary>
public static partial class Identifiers
{
    static readonly Dictionary<string, string> Platforms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["github.com"] = "github",
        ["gitlab.com"] = "gitlab",
        ["codeberg.org"] = "codeberg",
        ["twitter.com"] = "x",
        ["x.com"] = "x",
        ["bsky.app"] = "bluesky",
        ["linkedin.com"] = "linkedin",
        ["reddit.com"] = "reddit",
        ["stackoverflow.com"] = "stackoverflow",
    };

    public static IReadOnlyList<Identifier> From(string? reportedPerson)
    {
        if (string.IsNullOrWhiteSpace(reportedPerson))
        {
            return [];
        }

        var found = new List<Identifier>();
        var rest = reportedPerson;

        rest = Url().Replace(rest, m =>
        {
            if (Profile(m.Value) is { } profile)
            {
                found.Add(new Identifier(profile.Platform + ":" + profile.Name, Weak: false));
                found.Add(new Identifier("handle:" + profile.Name, Weak: true));
            }

            return " ";
        });
        rest = Email().Replace(rest, m =>
        {
            found.Add(new Identifier("email:" + m.Groups["address"].Value.ToLowerInvariant(), Weak: false));
            return " ";
        });
        rest = Handle().Replace(rest, m =>
        {
            found.Add(new Identifier("handle:" + m.Groups["name"].Value.ToLowerInvariant(), Weak: true));
            return " ";
        });
        rest = Ip().Replace(rest, m =>
        {
            if (IPAddress.TryParse(m.Value, out var address))
            {
                found.Add(new Identifier("ip:" + address, Weak: false));
                return " ";
            }

            return m.Value;
        });

        // What is left, less the words reporters put around an identifier, is taken as a name.
        var name = Words().Matches(rest).Select(w => w.Value.ToLowerInvariant()).Where(w => !Filler.Contains(w)).ToList();
        if (name.Count > 0)
        {
            found.Add(new Identifier("name:" + string.Join(' ', name), Weak: false));
        }

        return [.. found.DistinctBy(i => i.Canonical)];
    }

    static (string Platform, string Name)? Profile(string url)
    {
        if (!Uri.TryCreate(url.TrimEnd('.', ',', ')'), UriKind.Absolute, out var uri))
        {
            return null;
        }

        var host = uri.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? uri.Host[4..] : uri.Host;
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (!Platforms.TryGetValue(host, out var platform) || segments.Length == 0)
        {
            return null;
        }

        // linkedin.com/in/name, reddit.com/user/name or /u/name, bsky.app/profile/name, stackoverflow.com/users/id/name
        var name = segments[0].ToLowerInvariant() switch
        {
            "in" or "user" or "u" or "profile" when segments.Length > 1 => segments[1],
            "users" when segments.Length > 2 => segments[2],
            _ => segments[0],
        };
        return (platform, name.TrimStart('@').ToLowerInvariant());
    }

    static readonly HashSet<string> Filler = ["and", "or", "the", "a", "on", "at", "in", "as", "aka", "also", "known", "called", "named", "username", "user", "handle", "email", "mail", "ip", "address", "profile", "account", "from", "of", "is", "was", "by", "via", "who", "he", "she", "they", "them", "his", "her", "their", "mailto", "github", "gitlab", "codeberg", "twitter", "x", "bluesky", "linkedin", "reddit", "mastodon", "discord", "slack", "matrix", "irc", "zulip", "forum", "chat"];

    [GeneratedRegex(@"https?://\S+", RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    [GeneratedRegex(@"(?:mailto:)?(?<address>[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})", RegexOptions.IgnoreCase)]
    private static partial Regex Email();

    [GeneratedRegex(@"(?<![\w@])@(?<name>[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?)")]
    private static partial Regex Handle();

    [GeneratedRegex(@"\b(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7})\b")]
    private static partial Regex Ip();

    [GeneratedRegex(@"\p{L}[\p{L}\p{M}'’-]*")]
    private static partial Regex Words();
}
