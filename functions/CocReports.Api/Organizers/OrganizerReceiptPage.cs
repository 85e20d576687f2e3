using CocReports.Api.Pages;
using Microsoft.AspNetCore.Http;

namespace CocReports.Api.Organizers;

/// <summary>The receipt the reporter leaves with: printable, the only place the receipt code is shown.</summary>
public static class OrganizerReceiptPage
{
    public static HtmlPage For(string reference, string receiptCode, Uri statusPage, bool emailed) =>
        new HtmlPage("Report received", StatusCodes.Status201Created)
            .Heading("The report was sent to the Code of Conduct committee.")
            .Paragraph("Please give this page to the reporter, or let them print it or take a photo of it: the receipt code is shown only once. With the reference and the code they can follow the report and answer the committee's questions on the status page.")
            .Field("Reference", reference)
            .Field("Receipt code", receiptCode)
            .Field("Status page", statusPage.AbsoluteUri)
            .Paragraph(emailed
                ? "The reporter will also receive the reference and the code by email."
                : "No email was given: this page is the reporter's only copy.")
            .Paragraph("As the organizer, you will not see this report again. Thank you for taking it.");
}
