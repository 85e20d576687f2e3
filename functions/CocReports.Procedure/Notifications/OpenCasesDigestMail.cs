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
    public static async Task<OutgoingMail> ToMemberAsync(IReadOnlyList<OpenCaseLine> cases, IReadOnlyDictionary<string, AuditHead> heads, Recipient member, string memberId, string community, DateTimeOffset week, DateTimeOffset now, ActionLinks links, IReadOnlyList<string>? toDeclare = null)
    {
        var dueSoon = cases.Where(c => c.Due <= now + Ahead).ToList();
        var body = new MailBody()
            .Paragraph($"Hello {member.Name},")
            .Paragraph($"This is your weekly summary of the open Code of Conduct cases of {community} that you handle. It carries no report content; open the cases from the link below.")
            .Field("Due in the coming week", dueSoon.Count == 0 ? "Nothing." : Lines(dueSoon, null))
            .Field("All your open cases", cases.Count == 0 ? "None yet." : Lines(cases, heads));
        if (toDeclare is { Count: > 0 })
        {
            body.Field("Declare your conflicts first on (cases from before you joined)", string.Join('\n', toDeclare));
        }

        body
            .Paragraph("Keep this email: each case's audit entry and hash are a copy that storage cannot change. On the case page, that entry must carry that hash; if it is missing or carries another, the trail was changed after this email.")
            .Link("Open cases", links.CreateOpenCases(memberId))
            .Paragraph("This email is confidential. Do not forward it.");
        return new OutgoingMail(
            $"digest.{week:yyyyMMdd}.{memberId}@coc-reports",
            member,
            $"[{community}] Your open cases, week of {week:yyyy-MM-dd}",
            body.Text,
            await body.RenderHtmlAsync(Texts.Default));
    }

    static string Lines(IEnumerable<OpenCaseLine> cases, IReadOnlyDictionary<string, AuditHead>? heads) =>
        string.Join('\n', cases.Select(c => string.Join(" | ", new[]
        {
            c.Reference, c.Urgency, c.DoorName, $"{c.NextPromise} by {c.DueText}", heads?.GetValueOrDefault(c.Reference)?.Text ?? "",
        }.Where(s => s.Length > 0))));
}
