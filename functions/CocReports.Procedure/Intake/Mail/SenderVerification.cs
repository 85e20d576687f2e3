namespace CocReports.Procedure.Intake.Mail;

/// <summary>
/// Whether the conduct mailbox's own server vouches that a message comes from its From domain, read from the
/// Authentication-Results headers (RFC 8601) it wrote. Anyone can write such a header into a message, with any
/// authserv-id: only the topmost one carrying the configured authserv-id counts, since the receiving server adds its
/// own above everything that came with the message.
/// </summary>
/// <remarks>
/// dmarc=pass for the From domain verifies. A message whose domain publishes no DMARC policy (no dmarc result, or
/// dmarc=none) is verified by a DKIM signature that passed and is aligned with the From domain (relaxed: the same
/// domain or a parent of it). Any other DMARC result (fail, temperror…) verifies nothing, whatever DKIM says.
/// </remarks>
public static class SenderVerification
{
    /// <param name="headers">The message's Authentication-Results header values, topmost first.</param>
    public static bool Verifies(IEnumerable<string> headers, string authServId, string? fromAddress)
    {
        var at = fromAddress?.LastIndexOf('@') ?? -1;
        if (at < 0 || authServId.Length == 0)
        {
            return false;
        }

        var fromDomain = fromAddress![(at + 1)..].Trim().TrimEnd('.').ToLowerInvariant();
        var results = headers.Select(Parse).FirstOrDefault(h => string.Equals(h.AuthServId, authServId, StringComparison.OrdinalIgnoreCase)).Results;
        if (results is null)
        {
            return false;
        }

        var dmarc = results.Where(r => r.Method == "dmarc").ToList();
        if (dmarc.Any(r => r.Result == "pass" && r.Property("header.from") is { } domain && Domain(domain) == fromDomain))
        {
            return true;
        }

        return dmarc.All(r => r.Result == "none")
            && results.Any(r => r.Method == "dkim" && r.Result == "pass" && SigningDomain(r) is { } d && (fromDomain == d || fromDomain.EndsWith("." + d, StringComparison.Ordinal)));
    }

    /// <summary>header.d, or the domain of header.i (Gmail writes only header.i=@domain).</summary>
    static string? SigningDomain(Outcome r) =>
        r.Property("header.d") is { } d ? Domain(d)
        : r.Property("header.i") is { } i && i.LastIndexOf('@') is var at and >= 0 ? Domain(i[(at + 1)..])
        : null;

    static string Domain(string value) => value.Trim().TrimEnd('.').ToLowerInvariant();

    /// <summary>
    /// One header: its authserv-id (null when it has none, as Microsoft 365 writes them) and its results. Comments and
    /// quoted strings are dropped first, so a semicolon or "dmarc=pass" inside them reads as nothing.
    /// </summary>
    static (string? AuthServId, IReadOnlyList<Outcome> Results) Parse(string header)
    {
        var parts = WithoutComments(header).Split(';', StringSplitOptions.TrimEntries);
        var first = parts[0].Split((char[])[' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        var id = first.Length > 0 && !first[0].Contains('=', StringComparison.Ordinal) ? first[0] : null;
        var resinfos = id is null ? parts : parts[1..];
        return (id, [.. resinfos.Select(ParseResult).OfType<Outcome>()]);
    }

    static Outcome? ParseResult(string resinfo)
    {
        var tokens = resinfo.Split((char[])[' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length == 0 || tokens[0].Split('=', 2) is not [var method, var result])
        {
            return null;
        }

        var properties = tokens[1..]
            .Select(t => t.Split('=', 2))
            .Where(p => p.Length == 2)
            .Select(p => (p[0].ToLowerInvariant(), p[1]))
            .ToList();
        return new Outcome(method.Split('/')[0].Trim().ToLowerInvariant(), result.Trim().ToLowerInvariant(), properties);
    }

    static string WithoutComments(string header)
    {
        var kept = new System.Text.StringBuilder(header.Length);
        var depth = 0;
        var quoted = false;
        for (var i = 0; i < header.Length; i++)
        {
            var c = header[i];
            if (c == '\\' && (quoted || depth > 0))
            {
                i++;
            }
            else if (quoted)
            {
                quoted = c != '"';
            }
            else if (c == '(')
            {
                depth++;
            }
            else if (c == ')' && depth > 0)
            {
                depth--;
            }
            else if (depth == 0 && c == '"')
            {
                quoted = true;
            }
            else if (depth == 0)
            {
                kept.Append(c);
            }
        }

        return kept.ToString();
    }

    sealed record Outcome(string Method, string Result, IReadOnlyList<(string Name, string Value)> Properties)
    {
        public string? Property(string name) => Properties.FirstOrDefault(p => p.Name == name).Value;
    }
}
