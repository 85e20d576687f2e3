using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CocReports.Procedure.Reports;

namespace CocReports.Procedure.Intake;

/// <summary>
/// What a submission said, as one hash: the validated fields and the SHA-256 of each evidence file in order. A
/// retry with the same idempotency key gets the first receipt back only when its hash is the same, so knowing a key
/// is not enough to read someone's receipt code, and a second report under a reused key is refused, not lost.
/// </summary>
public static class SubmissionHash
{
    public static string Of(ReportDetails details, IEnumerable<EvidenceFile> evidence)
    {
        // Validation already trimmed the text and dropped what does not apply (contact of an anonymous report,
        // event details of an online incident), so two spellings of one report hash alike.
        string?[] parts =
        [
            details.ContactName, details.ContactEmail, details.OccurredAt, details.Location, details.IsOngoing.ToString(),
            details.Description, details.Circumstances, details.OthersInvolved, details.ReportedPerson,
            details.Setting.ToString(), details.EventName, details.OnlineSpace, details.ConversationLink,
            details.SafetyConcerns, details.FeelsUnsafe ? "unsafe" : "",
            string.Join(',', details.ExcludedMembers.Order(StringComparer.Ordinal)),
            .. evidence.Select(file => file.Sha256),
        ];

        // A JSON array of strings keeps the boundaries between fields unambiguous.
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(parts))));
    }

    public static bool Same(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));
}
