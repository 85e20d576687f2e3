using System.Globalization;

namespace CocReports.Procedure.Intake.Mail;

/// <summary>
/// The mailbox an address delivers to, for counting what one person is sent: a stranger who forges
/// <c>victim+1@</c>, <c>victim+2@</c> or Gmail's dotted variants still reaches one mailbox, so those count as one.
/// Lower case, the domain in its ASCII (IDNA) form, a "+tag" dropped, and for Gmail the dots, which Gmail ignores
/// (its address policy, quoted at http://reubenscube.net/2008/05/gmail-address-policy/: "adding or removing dots from a
/// Gmail address won't change the actual destination address"), with googlemail.com as gmail.com. Only for counting:
/// mail still goes to the address as written.
/// </summary>
public static class CanonicalAddress
{
    static readonly IdnMapping Idn = new();

    public static string Of(string address)
    {
        var trimmed = address.Trim().ToLowerInvariant();
        var at = trimmed.LastIndexOf('@');
        if (at <= 0 || at == trimmed.Length - 1)
        {
            return trimmed;
        }

        var local = trimmed[..at];
        var domain = Ascii(trimmed[(at + 1)..].TrimEnd('.'));
        var plus = local.IndexOf('+', StringComparison.Ordinal);
        if (plus > 0)
        {
            local = local[..plus];
        }

        if (domain is "gmail.com" or "googlemail.com")
        {
            (local, domain) = (local.Replace(".", "", StringComparison.Ordinal), "gmail.com");
        }

        return $"{local}@{domain}";
    }

    /// <summary>The canonical address's domain, what a sender domain's budget counts; empty for no address.</summary>
    public static string DomainOf(string? address)
    {
        var canonical = Of(address ?? "");
        var at = canonical.LastIndexOf('@');
        return at < 0 ? "" : canonical[(at + 1)..];
    }

    static string Ascii(string domain)
    {
        try
        {
            return Idn.GetAscii(domain);
        }
        catch (ArgumentException)
        {
            // Not a name IDNA can map: counted as written.
            return domain;
        }
    }
}
