using CocReports.Procedure.Rendering;
using CocReports.Api.Pages;
using Microsoft.AspNetCore.Http;

namespace CocReports.Api.Organizers;

/// <summary>The receipt the reporter leaves with: printable, the only place the receipt code is shown.</summary>
public static class OrganizerReceiptPage
{
    public static HtmlPage For(string reference, string receiptCode, Uri statusPage, bool emailed, Texts t) =>
        new HtmlPage(t["Organizer.Receipt.Title"], StatusCodes.Status201Created, t.Language)
            .Heading(t["Organizer.Receipt.Heading"])
            .Paragraph(t["Organizer.Receipt.Explain"])
            .Field(t["Organizer.Receipt.Reference"], reference)
            .Field(t["Organizer.Receipt.Code"], receiptCode)
            .Field(t["Organizer.Receipt.StatusPage"], statusPage.AbsoluteUri)
            .Paragraph(t[emailed ? "Organizer.Receipt.Emailed" : "Organizer.Receipt.NotEmailed"])
            .Paragraph(t["Organizer.Receipt.Thanks"]);
}
