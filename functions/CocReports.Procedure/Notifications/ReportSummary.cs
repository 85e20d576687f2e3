using CocReports.Procedure.Reports;

namespace CocReports.Procedure.Notifications;

/// <summary>The report as committee members read it in an email, in the order of the procedure's "Report Data".</summary>
public static class ReportSummary
{
    public static MailBody AppendTo(MailBody body, Report report)
    {
        var d = report.Details;
        return body
            .Field("Reference", report.Reference)
            .Field("Received", report.ReceivedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture))
            .Field("Reporter", d.IsAnonymous ? "Anonymous (follows up through the status page)" : $"{d.ContactName ?? "(no name given)"} <{d.ContactEmail}>")
            .Field("When", d.OccurredAt)
            .Field("Where", d.Location)
            .Field("Ongoing", d.IsOngoing.ToString())
            .Field("What happened", d.Description)
            .Field("Circumstances", d.Circumstances)
            .Field("Others involved or witnesses", d.OthersInvolved)
            .Field("Reported person", d.ReportedPerson)
            .Field("Setting", d.Setting == IncidentSetting.Unspecified ? null : d.Setting.ToString())
            .Field("Event", d.EventName)
            .Field("Online space", d.OnlineSpace)
            .Field("Link to the conversation", d.ConversationLink)
            .Field("Concerns about retaliation or safety", d.SafetyConcerns)
            .Field("Reporter fears for their safety", d.FeelsUnsafe ? "Yes" : null)
            .Field("Evidence", report.Evidence.Count == 0 ? null : string.Join("\n", report.Evidence.Select(e => $"{e.FileName} ({e.ContentType}, {e.Length:N0} bytes, SHA-256 {e.Sha256})")));
    }
}
