using System.Globalization;
using CocReports.Procedure.Reports;

namespace CocReports.Procedure.Notifications;

/// <summary>
/// The report as the committee reads it, in the order of the procedure's "Report Data": the same in the first email
/// and on the case page. Fields the reporter left empty are left out.
/// </summary>
public static class ReportSummary
{
    public static IEnumerable<(string Label, string Value)> Fields(Report report)
    {
        var d = report.Details;
        (string, string?)[] fields =
        [
            ("Reference", report.Reference),
            ("Received", report.ReceivedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)),
            ("Came in through", DoorName(report.Door)),
            ("Taken by", report.TakenBy),
            ("Email subject", report.Subject),
            ("Reporter", d.IsAnonymous ? "Anonymous (follows up through the status page)" : $"{d.ContactName ?? "(no name given)"} <{d.ContactEmail}>"),
            ("When", d.OccurredAt),
            ("Where", d.Location),
            ("Ongoing", d.IsOngoing switch { Ongoing.Yes => "Yes", Ongoing.No => "No", _ => "Not sure" }),
            ("What happened", d.Description),
            ("Circumstances", d.Circumstances),
            ("Others involved or witnesses", d.OthersInvolved),
            ("Reported person", d.ReportedPerson),
            ("Setting", d.Setting == IncidentSetting.Unspecified ? null : d.Setting.ToString()),
            ("Event", d.EventName),
            ("Online space", d.OnlineSpace),
            ("Link to the conversation", d.ConversationLink),
            ("Concerns about retaliation or safety", d.SafetyConcerns),
            ("Reporter fears for their safety", d.FeelsUnsafe ? "Yes" : null),
            ("Attachments not kept", report.RefusedEvidence.Count == 0 ? null : string.Join("\n", report.RefusedEvidence.Select(r => $"\"{EvidenceName.Shown(r.FileName)}\": {r.Reason}"))),
        ];
        return fields.Where(f => !string.IsNullOrWhiteSpace(f.Item2)).Select(f => (f.Item1, f.Item2!));
    }

    public static string DoorName(Door door) => door switch
    {
        Door.Email => "Email to the conduct address",
        Door.Webhook => "Email forwarded by the mail provider",
        Door.Organizer => "An organizer at the event",
        _ => "The report form",
    };

    public static MailBody AppendTo(MailBody body, Report report)
    {
        foreach (var (label, value) in Fields(report))
        {
            body.Field(label, value);
        }

        // Named as the case page names the download; the sender's name follows as text, its invisible characters removed.
        return body.Field("Evidence", report.Evidence.Count == 0 ? null : string.Join("\n", report.Evidence.Select((e, i) =>
            string.Create(CultureInfo.InvariantCulture, $"{EvidenceName.ForDownload(i, e)}, sent as \"{EvidenceName.Shown(e.FileName)}\" ({e.ContentType}, {e.Length:N0} bytes, SHA-256 {e.Sha256})"))));
    }
}
