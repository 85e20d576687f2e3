using System.Security.Cryptography;
using System.Text;
using CocReports.Procedure.Links;
using CocReports.Procedure.Reports;

namespace CocReports.Procedure.Intake.Mail;

/// <summary>
/// The Reply-To of a reporter's emails: the conduct address plus a token that names the case and proves the server
/// made it (conduct+COC-ABCD-EFGH.K3J9…@example.org). A reply lands in the case because of that token, never because
/// of its From header, which anyone can forge. Tokens made with the previous signing key still work after a rotation.
/// </summary>
public sealed class ReplyAddress(MailIntakeOptions options, SigningKeys keys)
{
    const int MacBytes = 10;

    public bool IsEnabled => options.Address.Contains('@', StringComparison.Ordinal);

    /// <summary>The address replies about <paramref name="reference"/> go to; null while no conduct address is configured.</summary>
    public string? For(string reference)
    {
        if (!IsEnabled)
        {
            return null;
        }

        var (local, domain) = Split(options.Address);
        return $"{local}+{reference}.{Mac(keys.Current, reference)}@{domain}";
    }

    /// <summary>The case a reply address names, or null when it is not one of ours or its token does not verify.</summary>
    public string? ReferenceOf(string address)
    {
        if (!IsEnabled || !address.Contains('@', StringComparison.Ordinal))
        {
            return null;
        }

        var (local, domain) = Split(options.Address);
        var (candidateLocal, candidateDomain) = Split(address.Trim());
        var prefix = local + "+";
        if (!candidateDomain.Equals(domain, StringComparison.OrdinalIgnoreCase)
            || !candidateLocal.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            || candidateLocal[prefix.Length..].ToUpperInvariant().Split('.') is not [var reference, var mac]
            || !ReportReference.IsWellFormed(reference))
        {
            return null;
        }

        var expected = Encoding.ASCII.GetBytes(mac);
        return Matches(keys.Current, reference, expected) || keys.Previous is { } previous && Matches(previous, reference, expected)
            ? reference
            : null;
    }

    /// <summary>Any plus-address of the conduct address, verified or not: mail from it is the service's own.</summary>
    public bool IsReplyAddress(string address) =>
        IsEnabled && address.Contains('@', StringComparison.Ordinal)
        && Split(address.Trim()) is var (l, d)
        && d.Equals(Split(options.Address).Domain, StringComparison.OrdinalIgnoreCase)
        && l.StartsWith(Split(options.Address).Local + "+", StringComparison.OrdinalIgnoreCase);

    static bool Matches(ServerKey key, string reference, byte[] mac) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Mac(key, reference)), mac);

    // Base32 without padding: mail systems may change the case of a local part, never its letters.
    static string Mac(ServerKey key, string reference)
    {
        var mac = HMACSHA256.HashData(key.Derive(KeyPurpose.ReplyAddress), Encoding.UTF8.GetBytes(reference)).AsSpan(0, MacBytes);
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var sb = new StringBuilder();
        int buffer = 0, bits = 0;
        foreach (var b in mac)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                sb.Append(alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        return sb.ToString();
    }

    static (string Local, string Domain) Split(string address)
    {
        var at = address.LastIndexOf('@');
        return at < 0 ? (address, "") : (address[..at], address[(at + 1)..]);
    }
}
