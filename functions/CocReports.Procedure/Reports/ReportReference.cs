using System.Security.Cryptography;
using System.Text;

namespace CocReports.Procedure.Reports;

/// <summary>
/// References name a report in every email and on the status page: short, unambiguous to read aloud
/// (Crockford base32, no I/L/O/U), and not guessable in sequence.
/// </summary>
public static class ReportReference
{
    const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    static readonly System.Buffers.SearchValues<char> Symbols = System.Buffers.SearchValues.Create(Alphabet);

    public static string New() => Format(RandomNumberGenerator.GetBytes(5));

    /// <summary>
    /// A retried submission carries the same idempotency key and so gets the same reference: the retry lands on
    /// the same row, blobs and orchestration instead of storing the report twice. Keyed so keys can't be probed.
    /// </summary>
    public static string FromIdempotencyKey(string idempotencyKey, byte[] serverKey)
    {
        var mac = HMACSHA256.HashData(serverKey, Encoding.UTF8.GetBytes("reference:" + idempotencyKey));
        return Format(mac.AsSpan(0, 5));
    }

    public static bool IsWellFormed(string? value) =>
        value is { Length: 13 } && value.StartsWith("COC-", StringComparison.Ordinal) && value[8] == '-'
        && value.AsSpan(4, 4).ContainsAnyExcept(Symbols) is false
        && value.AsSpan(9, 4).ContainsAnyExcept(Symbols) is false;

    static string Format(ReadOnlySpan<byte> fortyBits)
    {
        ulong bits = 0;
        foreach (var b in fortyBits)
        {
            bits = (bits << 8) | b;
        }

        Span<char> chars = stackalloc char[8];
        for (var i = 7; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(bits & 31)];
            bits >>= 5;
        }

        return $"COC-{chars[..4]}-{chars[4..]}";
    }
}
