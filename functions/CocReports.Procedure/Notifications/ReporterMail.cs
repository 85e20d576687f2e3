using CocReports.Procedure.Mail;
using CocReports.Procedure.Reports;

namespace CocReports.Procedure.Notifications;

/// <summary>The emails a reporter who gave an address receives.</summary>
public static class ReporterMail
{
    public static OutgoingMail Receipt(Report report, string receiptCode, Uri statusPage, string community, TimeSpan acknowledgeWithin)
    {
        var body = new MailBody()
            .Paragraph($"Thank you for your report to the {community} Code of Conduct committee. We prefer receiving reports, even if no action is taken: they help keep the community safe.")
            .Field("Your reference", report.Reference)
            .Field("Your receipt code", receiptCode)
            .Paragraph("Keep the code: with the reference it opens your report's status page, where you can see its progress and answer any question the committee asks.")
            .Link("Status page", statusPage)
            .Paragraph($"What happens next: the committee will acknowledge your report within {Hours(acknowledgeWithin)}, follow up with you within one week, and keep you informed until it is resolved.")
            .Paragraph("Your report is confidential. If someone is in physical danger, call your local emergency number.");
        return Mail(report, ReporterNoticeKind.Receipt, $"We received your report {report.Reference}", body);
    }

    public static OutgoingMail Acknowledged(Report report, string community)
    {
        var body = new MailBody()
            .Paragraph($"The {community} Code of Conduct committee has received your report {report.Reference} and will discuss it.")
            .Paragraph("We will follow up with you within one week of your report. You can reply to the committee's questions through the links in our emails or on your status page.");
        return Mail(report, ReporterNoticeKind.Acknowledged, $"Your report {report.Reference} was acknowledged", body);
    }

    static OutgoingMail Mail(Report report, ReporterNoticeKind kind, string subject, MailBody body) =>
        new(
            $"{report.Reference}.{kind}.reporter@coc-reports",
            new Recipient(report.Details.ContactName ?? "", report.Details.ContactEmail!),
            subject,
            body.Text,
            body.Html);

    static string Hours(TimeSpan span) =>
        span.TotalHours >= 1 ? $"{span.TotalHours:0} hours" : $"{span.TotalSeconds:0} seconds";
}
