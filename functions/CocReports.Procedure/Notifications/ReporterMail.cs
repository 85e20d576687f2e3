using System.Globalization;
using CocReports.Procedure.Mail;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;

namespace CocReports.Procedure.Notifications;

/// <summary>The emails a reporter who gave an address receives. Anonymous reporters read the same on their status page.</summary>
public static class ReporterMail
{
    /// <param name="receiptCode">Null when the workflow was started by the sweep, which knows only the code's hash.</param>
    public static OutgoingMail Receipt(Report report, string? receiptCode, Uri statusPage, string community, TimeSpan acknowledgeWithin)
    {
        var body = new MailBody()
            .Paragraph($"Thank you for your report to the {community} Code of Conduct committee. We prefer receiving reports, even if no action is taken: they help keep the community safe.")
            .Field("Your reference", report.Reference);
        body = receiptCode is null
            ? body.Paragraph("Use the receipt code you were shown when you sent the report: with the reference it opens your report's status page, where you can see its progress and answer any question the committee asks.")
            : body.Field("Your receipt code", receiptCode)
                .Paragraph("Keep the code: with the reference it opens your report's status page, where you can see its progress and answer any question the committee asks.");
        body = body
            .Link("Status page", statusPage)
            .Paragraph($"What happens next: the committee will acknowledge your report within {Duration(acknowledgeWithin)}, follow up with you within one week, and keep you informed until it is resolved.")
            .Paragraph("Your report is confidential. If someone is in physical danger, call your local emergency number.");
        if (report.RefusedEvidence.Count > 0)
        {
            body = body.Field(
                "Attachments we could not keep (your report was received without them)",
                string.Join("\n", report.RefusedEvidence.Select(r => $"{EvidenceName.Shown(r.FileName)}: {r.Reason}")));
        }

        if (report.Door is Door.Email or Door.Webhook)
        {
            body = body.Paragraph("To add to your report, reply to this email.");
        }

        var subject = $"We received your report {report.Reference}";
        var mail = Mail(report, "receipt", report.InboundMessageId is null ? subject : $"Re: {report.Subject} ({subject})", body);
        return mail with { InReplyTo = report.InboundMessageId };
    }

    public static OutgoingMail Acknowledged(Report report, string community)
    {
        var body = new MailBody()
            .Paragraph($"The {community} Code of Conduct committee has received your report {report.Reference} and will discuss it.")
            .Paragraph("We will follow up with you within one week of your report. You can answer the committee's questions through the links in our emails or on your status page.");
        return Mail(report, "acknowledged", $"Your report {report.Reference} was acknowledged", body);
    }

    public static OutgoingMail FollowUp(Report report, CaseMessage followUp, Uri statusPage)
    {
        var body = new MailBody()
            .Paragraph($"The Code of Conduct committee is following up on your report {report.Reference}.")
            .Field("Has the committee discussed it?", followUp.Discussed == true ? "Yes" : "Not yet")
            .Field("Was it found to be a violation of the Code of Conduct?", Describe(followUp.Violation))
            .Field("Actions taken", followUp.Actions)
            .Field("Message from the committee", followUp.Text)
            .Field("Next update or resolution by", Date(followUp.NextUpdateBy))
            .Link("Your status page", statusPage);
        return Mail(report, $"followup.{followUp.Id}", $"Follow-up on your report {report.Reference}", body);
    }

    public static OutgoingMail StatusUpdate(Report report, CaseMessage update, Uri statusPage)
    {
        var body = new MailBody()
            .Paragraph($"A status update on your report {report.Reference}:")
            .Field("Update", update.Text)
            .Field("Next update or resolution by", Date(update.NextUpdateBy))
            .Link("Your status page", statusPage);
        return Mail(report, $"update.{update.Id}", $"Status update on your report {report.Reference}", body);
    }

    public static OutgoingMail Question(Report report, CaseMessage question, Uri answerLink)
    {
        var body = new MailBody()
            .Paragraph($"The Code of Conduct committee has a question about your report {report.Reference}.")
            .Field("Question", question.Text)
            .Link("Answer the question", answerLink)
            .Paragraph("You can also answer on your status page with your reference and receipt code. You don't have to answer.");
        return Mail(report, $"question.{question.Id}", $"A question about your report {report.Reference}", body);
    }

    public static OutgoingMail Resolved(Report report, CaseMessage resolution, Uri statusPage)
    {
        var body = new MailBody()
            .Paragraph($"The Code of Conduct committee has resolved your report {report.Reference}.")
            .Field("Was it found to be a violation of the Code of Conduct?", Describe(resolution.Violation))
            .Field("Actions taken", resolution.Actions)
            .Field("Message from the committee", resolution.Text)
            .Paragraph("Your identity stays confidential. If a public statement is ever needed, you will not be named unless you tell us otherwise.")
            .Link("Your status page", statusPage);
        return Mail(report, "resolved", $"Your report {report.Reference} was resolved", body);
    }

    public static string Describe(Finding? finding) => finding switch
    {
        Finding.Yes => "Yes",
        Finding.No => "No",
        _ => "Not yet decided",
    };

    public static string? Date(DateTimeOffset? date) =>
        date?.UtcDateTime.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture);

    static OutgoingMail Mail(Report report, string occasion, string subject, MailBody body) =>
        new(
            $"{report.Reference}.{occasion}.reporter@coc-reports",
            new Recipient(report.Details.ContactName ?? "", report.Details.ContactEmail!),
            subject,
            body.Text,
            body.Html);

    static string Duration(TimeSpan span) =>
        span.TotalHours >= 1 ? $"{span.TotalHours:0} hours" : $"{span.TotalSeconds:0} seconds";
}
