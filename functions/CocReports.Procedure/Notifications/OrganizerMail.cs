using CocReports.Procedure.Mail;
using CocReports.Procedure.Organizers;
using CocReports.Procedure.Rendering;
using CocReports.Procedure.Reports;

namespace CocReports.Procedure.Notifications;

/// <summary>
/// What an event's other organizers hear when an urgent report is taken there: enough to help on site, nothing of
/// who reported or what they said. The committee hears through the workflow, on the urgent cadence.
/// </summary>
public static class OrganizerMail
{
    public static async Task<OutgoingMail> UrgentAlertAsync(Report report, Organizer takenBy, Organizer recipient, Texts t)
    {
        var d = report.Details;
        var body = new MailBody()
            .Paragraph(t.Format("OrganizerMail.Hello", recipient.Name))
            .Paragraph(t.Format("OrganizerMail.Taken", takenBy.Name, takenBy.Event))
            .Field(t["OrganizerMail.Why"], string.Join(" ", new[]
            {
                d.IsOngoing == Ongoing.Yes ? t["OrganizerMail.Ongoing"] : null,
                d.FeelsUnsafe ? t["OrganizerMail.Unsafe"] : null,
            }.Where(s => s is not null)))
            .Field(t["OrganizerMail.Where"], d.Location)
            .Field(t["OrganizerMail.Reference"], report.Reference)
            .Paragraph(t.Format("OrganizerMail.Help", takenBy.Name, takenBy.Email));
        return new OutgoingMail(
            $"{report.Reference}.organizer-alert.{recipient.Id}@coc-reports",
            new Recipient(recipient.Name, recipient.Email),
            t.Format("OrganizerMail.Subject", takenBy.Event),
            body.Text,
            await body.RenderHtmlAsync(t.Language));
    }
}
