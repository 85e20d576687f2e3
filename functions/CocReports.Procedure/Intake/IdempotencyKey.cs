namespace CocReports.Procedure.Intake;

/// <summary>
/// The key a client sends with a submission so that a retry lands on the same report. Reference and receipt code
/// are derived from it, so it must not be guessable: only a random (version 4) UUID is accepted, 122 random bits,
/// what <c>crypto.randomUUID()</c> and <c>Guid.NewGuid()</c> make.
/// </summary>
public static class IdempotencyKey
{
    public const string Rule =
        "The Idempotency-Key must be a random (version 4) UUID, such as crypto.randomUUID() makes: 32 hexadecimal digits in groups of 8-4-4-4-12, for example 3f0c6e52-8d1a-4b7e-9c2f-5a6b7c8d9e0f.";

    /// <summary>The key in one spelling (lower case), or null when it is not a version 4 UUID.</summary>
    public static string? Normalize(string header)
    {
        // Version nibble 4, variant bits 10xx: anything else is not what a random UUID generator makes.
        if (header.Length != 36 || !Guid.TryParseExact(header, "D", out var uuid) || header[14] != '4' || "89abAB".IndexOf(header[19], StringComparison.Ordinal) < 0)
        {
            return null;
        }

        return uuid.ToString("D");
    }
}
