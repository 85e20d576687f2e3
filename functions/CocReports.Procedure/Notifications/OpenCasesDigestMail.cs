using System.Globalization;
using CocReports.Procedure.Links;
using CocReports.Procedure.Mail;
using CocReports.Procedure.OpenCases;
using CocReports.Procedure.Rendering;
using CocReports.Procedure.Storage;

namespace CocReports.Procedure.Notifications;

/// <summary>
/// The weekly digest: a member's open cases and the promises due in the coming week. No report content: for each
/// case only its reference, urgency, door and next promise with its due date, and the link to the open-cases page.
/// Each case also names its audit trail's head (<see cref="AuditHead"/>): kept in members' mailboxes, it shows entries
/// removed or rewritten in storage after the digest went out.
/// </summary>
public static class OpenCasesDigestMail
{
    /// <summary>What the digest counts as "the coming week".</summary>
    public static readonly TimeSpan Ahead = TimeSpan.FromDays(7);

    /// <param name="week">When this week's digest was due: one digest per member per week, whatever replays the timer.</param>
    /// <param name="heads">Each case's audit trail head, by reference, read as the digest went out.</param>
    /// <param name="toDeclare">A newcomer's cases they must declare their conflicts on before they see more than the reference.</param>
    /// <param name="t">The member's words (<see cref="Committee.CommitteeOptions.TextsFor"/>).</param>
    public static async Task<OutgoingMail> ToMemberAsync(IReadOnlyList<OpenCaseLine> cases, IReadOnlyDictionary<string, AuditHead> heads, Recipient member, string memberId, string community, DateTimeOffset week, DateTimeOffset now, ActionLinks links, Texts t, IReadOnlyList<string>? toDeclare = null)
    {
        var dueSoon = cases.Where(c => c.Due <= now + Ahead).ToList();
        var body = new MailBody()
            .Paragraph(t.Format("Digest.Hello", member.Name))
            .Paragraph(t.Format("Digest.Intro", community))
            .Field(t["Digest.DueSoon"], dueSoon.Count == 0 ? t["Digest.DueSoon.None"] : Lines(dueSoon, null, t))
            .Field(t["Digest.All"], cases.Count == 0 ? t["Digest.All.None"] : Lines(cases, heads, t));
        if (toDeclare is { Count: > 0 })
        {
            body.Field(t["Digest.ToDeclare"], string.Join('\n', toDeclare));
        }

        body
            .Paragraph(t["Digest.Keep"])
            .Link(t["Digest.OpenCases"], links.CreateOpenCases(memberId))
            .Paragraph(t["Digest.Confidential"]);
        return new OutgoingMail(
            $"digest.{week:yyyyMMdd}.{memberId}@coc-reports",
            member,
            t.Format("Digest.Subject", community, week.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            body.Text,
            await body.RenderHtmlAsync(t.Language));
    }

    static string Lines(IEnumerable<OpenCaseLine> cases, IReadOnlyDictionary<string, AuditHead>? heads, Texts t) =>
        string.Join('\n', cases.Select(c => string.Join(" | ", new[]
        {
            c.Reference, c.Urgency(t), c.DoorName(t), t.Format("Digest.PromiseBy", c.NextPromise(t), c.DueText(t)), heads?.GetValueOrDefault(c.Reference) is { } head ? Head(head, t) : "",
        }.Where(s => s.Length > 0))));

    // The head as AuditHead.Text words it, in the member's language: the entry's number and hash stay as they are.
    static string Head(AuditHead head, Texts t) => head.Entries == 0 ? t["Digest.Head.Empty"] : t.Format("Digest.Head", head.Entries, head.Hash);
}
