using System.Security.Cryptography;
using System.Text;

namespace CocReports.Procedure.Reports;

/// <summary>
/// The reporter's secret for the status page, shown once. 100 random bits, so a fast hash is enough to store it:
/// there is no dictionary to try.
/// </summary>
public static class ReceiptCode
{
    const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New() => Format(RandomNumberGenerator.GetBytes(13));

    /// <summary>The same idempotency key yields the same code, so a reporter whose first response was lost still gets a working code.</summary>
    public static string FromIdempotencyKey(string idempotencyKey, byte[] serverKey) =>
        Format(HMACSHA256.HashData(serverKey, Encoding.UTF8.GetBytes("receipt:" + idempotencyKey)));

    public static string Hash(string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(code))));

    public static bool Matches(string candidate, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Hash(candidate)), Encoding.ASCII.GetBytes(storedHash));

    /// <summary>Whether <paramref name="candidate"/> could be a code at all: 20 characters of the alphabet, once case, spaces and dashes are set aside.</summary>
    public static bool IsWellFormed(string candidate)
    {
        var normalized = Normalize(candidate);
        return normalized.Length == 20 && normalized.All(c => Alphabet.Contains(c, StringComparison.Ordinal));
    }

    // Reporters copy codes by hand: ignore case, spaces and dashes.
    static string Normalize(string code) =>
        new(code.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());

    static string Format(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder(24);
        var bits = 0;
        var buffer = 0;
        var count = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5 && count < 20)
            {
                if (count > 0 && count % 5 == 0)
                {
                    sb.Append('-');
                }

                sb.Append(Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
                count++;
            }
        }

        return sb.ToString();
    }
}
