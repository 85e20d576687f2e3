using System.Globalization;
using CocReports.Procedure.Rendering;
using CocReports.Procedure.Reports;

namespace CocReports.Procedure.Notifications;

/// <summary>
/// The report as the committee reads it, in the order of the procedure's "Report Data": the same in the first email
/// and on the case page. Fields the reporter left empty are left out. Mail carries as much as <see cref="NotificationContent"/> allows.
/// </summary>
public static class ReportSummary
{
    public static IEnumerable<(string Label, string Value)> Fields(Report report)
    {
        var d = report.Details;
        (string, string?)[] fields =
        [
            ("Reference", report.Reference),
            ("Received", Received(report)),
            ("Came in through", DoorName(report.Door)),
            ("Taken by", report.TakenBy),
            ("Email subject", report.Subject),
            ("Reporter", report.UnconfirmedSender is not null ? "No contact until the sender confirms (see Sender)"
                : d.IsAnonymous ? "Anonymous (follows up through the status page)" : $"{d.ContactName ?? "(no name given)"} <{d.ContactEmail}>"),
            ("Sender", SenderNote(report)),
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
        return Given(fields);
    }

    /// <summary><see cref="NotificationContent.None"/>: what intake knows of the report, nothing the reporter said.</summary>
    public static IEnumerable<(string Label, string Value)> Notice(Report report)
    {
        (string, string?)[] fields =
        [
            ("Reference", report.Reference),
            ("Received", Received(report)),
            ("Came in through", DoorName(report.Door)),
            ("Urgent", report.Details.IsUrgent ? "Yes: the incident is ongoing or the reporter fears for their safety" : null),
        ];
        return Given(fields);
    }

    /// <summary>
    /// <see cref="NotificationContent.Summary"/>: the notice and what the reporter chose on the form (ticked, selected,
    /// how many files), never text they typed, nor a file's name.
    /// </summary>
    public static IEnumerable<(string Label, string Value)> Choices(Report report)
    {
        var d = report.Details;
        (string, string?)[] fields =
        [
            ("Reporter", d.IsAnonymous ? "Anonymous (follows up through the status page)" : "Gave a contact address (on the case page)"),
            ("Ongoing", d.IsOngoing switch { Ongoing.Yes => "Yes", Ongoing.No => "No", _ => "Not sure" }),
            ("Setting", d.Setting == IncidentSetting.Unspecified ? null : d.Setting.ToString()),
            ("Reporter fears for their safety", d.FeelsUnsafe ? "Yes" : null),
            ("Evidence", report.Evidence.Count == 0 ? null : Files(report.Evidence.Count, "kept")),
            ("Attachments not kept", report.RefusedEvidence.Count == 0 ? null : Files(report.RefusedEvidence.Count, "not kept")),
        ];
        return Notice(report).Concat(Given(fields));
    }

    static string Files(int count, string kept) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? "file" : "files")} {kept} (on the case page)");

    // A field with nothing in it is left out, at every level.
    static IEnumerable<(string Label, string Value)> Given((string Label, string? Value)[] fields) =>
        fields.Where(f => !string.IsNullOrWhiteSpace(f.Value)).Select(f => (f.Label, f.Value!));

    static string Received(Report report) => Texts.Time(report.ReceivedAt);

    /// <summary>Whether the From address is the sender's, so the committee knows how far to trust the reporter's address.</summary>
    static string? SenderNote(Report report) => report.Sender switch
    {
        MailSender.Verified => "Verified by the conduct mailbox's server",
        MailSender.Unconfirmed when report.SealedAnonymousSender is not null => "Not verified by the mail server: asked to confirm they sent it before their anonymous receipt is mailed (the address is not shown)",
        MailSender.Unconfirmed when report.UnconfirmedSender is null => "Not verified by the mail server (no address kept)",
        MailSender.Unconfirmed => $"{report.UnconfirmedSender} not verified (pending confirmation): asked to confirm they sent it; nothing else is mailed to it until they do",
        MailSender.Confirmed => "Not verified by the mail server; confirmed by the sender from the link mailed to their address",
        _ when report.Door is Door.Email or Door.Webhook => "Not checked (the From address is taken as written)",
        _ => null,
    };

    public static string DoorName(Door door) => door switch
    {
        Door.Email => "Email to the conduct address",
        Door.Webhook => "Email forwarded by the mail provider",
        Door.Organizer => "An organizer at the event",
        _ => "The report form",
    };

    /// <summary>The report as far as <paramref name="content"/> allows.</summary>
    public static MailBody AppendTo(MailBody body, Report report, NotificationContent content)
    {
        var fields = content switch
        {
            NotificationContent.Full => Fields(report),
            NotificationContent.Summary => Choices(report),
            _ => Notice(report),
        };
        foreach (var (label, value) in fields)
        {
            body.Field(label, value);
        }

        if (content != NotificationContent.Full)
        {
            return body;
        }

        // Named as the case page names the download; the sender's name follows as text, its invisible characters removed.
        return body.Field("Evidence", report.Evidence.Count == 0 ? null : string.Join("\n", report.Evidence.Select((e, i) =>
            string.Create(CultureInfo.InvariantCulture, $"{EvidenceName.ForDownload(i, e)}, sent as \"{EvidenceName.Shown(e.FileName)}\" ({e.ContentType}, {e.Length:N0} bytes, SHA-256 {e.Sha256})"))));
    }
}
