using CocReports.Procedure.Rendering;
using CocReports.Procedure.Reports;

namespace CocReports.Procedure.Notifications;

/// <summary>
/// The report as the committee reads it, in the order of the procedure's "Report Data": the same in the first email
/// and on the case page. Fields the reporter left empty are left out. Mail carries as much as <see cref="NotificationContent"/> allows.
/// In the words of the member who reads it (<paramref name="t"/> of each method; English when not given); what the
/// reporter wrote stays as written.
/// </summary>
public static class ReportSummary
{
    public static IEnumerable<(string Label, string Value)> Fields(Report report, Texts? t = null)
    {
        t ??= Texts.For(Texts.Default);
        var d = report.Details;
        (string, string?)[] fields =
        [
            (t["Summary.Reference"], report.Reference),
            (t["Summary.Received"], Received(report)),
            (t["Summary.CameIn"], DoorName(report.Door, t)),
            .. Appealed(report, t),
            (t["Summary.TakenBy"], report.TakenBy),
            (t["Summary.EmailSubject"], report.Subject),
            (t["Summary.Reporter"], report.UnconfirmedSender is not null ? t["Summary.Reporter.UntilConfirmed"]
                : d.IsAnonymous ? t["Summary.Reporter.Anonymous"] : $"{d.ContactName ?? t["Summary.Reporter.NoName"]} <{d.ContactEmail}>"),
            (t["Summary.Sender"], SenderNote(report, t)),
            (t["Summary.When"], d.OccurredAt),
            (t["Summary.Where"], d.Location),
            (t["Summary.Ongoing"], OngoingWord(d.IsOngoing, t)),
            (t["Summary.WhatHappened"], d.Description),
            (t["Summary.Circumstances"], d.Circumstances),
            (t["Summary.Others"], d.OthersInvolved),
            (t["Summary.ReportedPerson"], d.ReportedPerson),
            (t["Summary.Setting"], Setting(d.Setting, t)),
            (t["Summary.Event"], d.EventName),
            (t["Summary.OnlineSpace"], d.OnlineSpace),
            (t["Summary.ConversationLink"], d.ConversationLink),
            (t["Summary.SafetyConcerns"], d.SafetyConcerns),
            (t["Summary.FearsForSafety"], d.FeelsUnsafe ? t["Summary.Yes"] : null),
            (t["Summary.NotKept"], report.RefusedEvidence.Count == 0 ? null : string.Join("\n", report.RefusedEvidence.Select(r => $"\"{EvidenceName.Shown(r.FileName)}\": {r.Reason}"))),
        ];
        return Given(fields);
    }

    /// <summary>The label of the field naming the reporter and how to reach them, which a passkey confirmation may hold back.</summary>
    public static bool IsIdentity(string label, Texts t) => label == t["Summary.Reporter"] || label == t["Summary.Sender"];

    /// <summary><see cref="NotificationContent.None"/>: what intake knows of the report, nothing the reporter said.</summary>
    public static IEnumerable<(string Label, string Value)> Notice(Report report, Texts? t = null)
    {
        t ??= Texts.For(Texts.Default);
        (string, string?)[] fields =
        [
            (t["Summary.Reference"], report.Reference),
            (t["Summary.Received"], Received(report)),
            (t["Summary.CameIn"], DoorName(report.Door, t)),
            .. Appealed(report, t),
            (t["Summary.Urgent"], report.Details.IsUrgent ? t["Summary.Urgent.Yes"] : null),
        ];
        return Given(fields);
    }

    /// <summary>
    /// <see cref="NotificationContent.Summary"/>: the notice and what the reporter chose on the form (ticked, selected,
    /// how many files), never text they typed, nor a file's name.
    /// </summary>
    public static IEnumerable<(string Label, string Value)> Choices(Report report, Texts? t = null)
    {
        t ??= Texts.For(Texts.Default);
        var d = report.Details;
        (string, string?)[] fields =
        [
            (t["Summary.Reporter"], d.IsAnonymous ? t["Summary.Reporter.Anonymous"] : t["Summary.Reporter.GaveContact"]),
            (t["Summary.Ongoing"], OngoingWord(d.IsOngoing, t)),
            (t["Summary.Setting"], Setting(d.Setting, t)),
            (t["Summary.FearsForSafety"], d.FeelsUnsafe ? t["Summary.Yes"] : null),
            (t["Summary.Evidence"], report.Evidence.Count == 0 ? null : Files(report.Evidence.Count, "Kept", t)),
            (t["Summary.NotKept"], report.RefusedEvidence.Count == 0 ? null : Files(report.RefusedEvidence.Count, "NotKept", t)),
        ];
        return Notice(report, t).Concat(Given(fields));
    }

    static string Files(int count, string kept, Texts t) =>
        t.Format($"Summary.Files.{kept}.{(count == 1 ? "One" : "Many")}", count);

    static string OngoingWord(Ongoing ongoing, Texts t) => t[ongoing switch { Ongoing.Yes => "Summary.Yes", Ongoing.No => "Summary.No", _ => "Summary.NotSure" }];

    static string? Setting(IncidentSetting setting, Texts t) => setting == IncidentSetting.Unspecified ? null : t[$"Summary.Setting.{setting}"];

    // A field with nothing in it is left out, at every level.
    static IEnumerable<(string Label, string Value)> Given((string Label, string? Value)[] fields) =>
        fields.Where(f => !string.IsNullOrWhiteSpace(f.Value)).Select(f => (f.Label, f.Value!));

    static string Received(Report report) => Texts.Time(report.ReceivedAt);

    /// <summary>Whether the From address is the sender's, so the committee knows how far to trust the reporter's address.</summary>
    static string? SenderNote(Report report, Texts t) => report.Sender switch
    {
        MailSender.Verified => t["Summary.Sender.Verified"],
        MailSender.Unconfirmed when report.SealedAnonymousSender is not null => t["Summary.Sender.AnonymousPending"],
        MailSender.Unconfirmed when report.UnconfirmedSender is null => t["Summary.Sender.NoAddress"],
        MailSender.Unconfirmed => t.Format("Summary.Sender.Pending", report.UnconfirmedSender),
        MailSender.Confirmed => t["Summary.Sender.Confirmed"],
        _ when report.Door is Door.Email or Door.Webhook => t["Summary.Sender.NotChecked"],
        _ => null,
    };

    // What an appeal appeals, by whom and why: references and the ground chosen from the community's list, no one's words.
    static (string, string?)[] Appealed(Report report, Texts t) => report.Appeal is not { } appeal ? [] :
    [
        (t["Summary.AppealOf"], appeal.Of),
        (t["Summary.AppealBy"], Resolution.Party.Shown(appeal.By, t)),
        (t["Summary.AppealGround"], appeal.Ground),
    ];

    public static string DoorName(Door door, Texts t) => t[door switch
    {
        Door.Appeal => "Summary.Door.Appeal",
        Door.Email => "Summary.Door.Email",
        Door.Webhook => "Summary.Door.Webhook",
        Door.Organizer => "Summary.Door.Organizer",
        _ => "Summary.Door.Form",
    }];

    /// <summary>The report as far as <paramref name="content"/> allows.</summary>
    public static MailBody AppendTo(MailBody body, Report report, NotificationContent content, Texts? t = null)
    {
        t ??= Texts.For(Texts.Default);
        var fields = content switch
        {
            NotificationContent.Full => Fields(report, t),
            NotificationContent.Summary => Choices(report, t),
            _ => Notice(report, t),
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
        return body.Field(t["Summary.Evidence"], report.Evidence.Count == 0 ? null : string.Join("\n", report.Evidence.Select((e, i) =>
            t.Format("Summary.EvidenceFile", EvidenceName.ForDownload(i, e), EvidenceName.Shown(e.FileName), e.ContentType, t.Number(e.Length), e.Sha256))));
    }
}
