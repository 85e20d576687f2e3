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
    public static async Task<OutgoingMail> UrgentAlertAsync(Report report, Organizer takenBy, Organizer recipient)
    {
        var d = report.Details;
        var body = new MailBody()
            .Paragraph($"Hello {recipient.Name},")
            .Paragraph($"{takenBy.Name} has just taken an urgent Code of Conduct report at {takenBy.Event}. The Code of Conduct committee has been alerted.")
            .Field("Why it is urgent", string.Join(" ", new[]
            {
                d.IsOngoing == Ongoing.Yes ? "The incident is ongoing." : null,
                d.FeelsUnsafe ? "Someone's safety is at risk." : null,
            }.Where(s => s is not null)))
            .Field("Where", d.Location)
            .Field("Reference", report.Reference)
            .Paragraph($"Please get in touch with {takenBy.Name} ({takenBy.Email}) to help on site. The report itself stays with the committee; do not forward this email.");
        return new OutgoingMail(
            $"{report.Reference}.organizer-alert.{recipient.Id}@coc-reports",
            new Recipient(recipient.Name, recipient.Email),
            $"URGENT: a Code of Conduct report was taken at {takenBy.Event}",
            body.Text,
            await body.RenderHtmlAsync(Texts.Default));
    }
}
