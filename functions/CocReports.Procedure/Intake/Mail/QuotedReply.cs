using System.Text.RegularExpressions;

namespace CocReports.Procedure.Intake.Mail;

/// <summary>
/// A reporter's emailed reply without the email it quotes: that email carries the receipt code and the status link,
/// which must never reach the committee with the answer. The quote is cut where a mail client's header begins
/// (English and German: Gmail, Apple Mail, Thunderbird, Outlook), quoted lines go, and whatever the quote style, no
/// line that carries a receipt code or a status link is kept.
/// </summary>
public static partial class QuotedReply
{
    public const string Empty = "(The reply had no text of its own.)";

    public static string Without(string text)
    {
        var kept = new List<string>();
        foreach (var line in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var trimmed = line.Trim();
            if (StartsTheQuote(trimmed, kept.Count > 0))
            {
                break;
            }

            if (!trimmed.StartsWith('>') && !CarriesASecret(trimmed))
            {
                kept.Add(line);
            }
        }

        var answer = string.Join("\n", kept).Trim();
        return answer.Length == 0 ? Empty : answer;
    }

    static bool StartsTheQuote(string line, bool afterText) =>
        (line.StartsWith("On ", StringComparison.Ordinal) && line.EndsWith("wrote:", StringComparison.Ordinal))
        || (line.StartsWith("Am ", StringComparison.Ordinal) && line.Contains(" schrieb", StringComparison.Ordinal) && line.EndsWith(':'))
        || line.StartsWith("-----Original Message-----", StringComparison.OrdinalIgnoreCase)
        || line.StartsWith("-----Ursprüngliche Nachricht-----", StringComparison.OrdinalIgnoreCase)
        || (afterText && (line.StartsWith("From: ", StringComparison.Ordinal) || line.StartsWith("Von: ", StringComparison.Ordinal)));

    static bool CarriesASecret(string line) => ReceiptCodeShape().IsMatch(line) || line.Contains("/api/status", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Four groups of five from the receipt code's alphabet, split by dashes or spaces as the mail shows it: unbroken,
    /// the shape would also take any long hex or base-32 string a reporter writes (a link's id, a hash).
    /// </summary>
    [GeneratedRegex(@"\b[0-9A-HJKMNP-TV-Z]{5}[ -][0-9A-HJKMNP-TV-Z]{5}[ -][0-9A-HJKMNP-TV-Z]{5}[ -][0-9A-HJKMNP-TV-Z]{5}\b", RegexOptions.IgnoreCase)]
    private static partial Regex ReceiptCodeShape();
}
