using CocReports.Api.Pages;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Timeline;
using Microsoft.AspNetCore.Http;

namespace CocReports.Api.Status;

/// <summary>
/// /api/status: the reporter's view of their report, opened with reference and receipt code. A wrong code and an
/// unknown reference get the same answer, so the page can't be used to learn which references exist.
/// </summary>
public sealed class StatusPage(IReportStore reports, ITimeline timeline)
{
    /// <summary>Steps a reporter may see; internal ones (reminders, escalations) stay with the committee.</summary>
    static readonly Dictionary<string, string> Visible = new(StringComparer.Ordinal)
    {
        ["Received"] = "Your report was received.",
        ["Acknowledged"] = "The committee acknowledged your report and will discuss it.",
    };

    public static IResult Show(HttpRequest request) =>
        AskForCode(request.Query["reference"].ToString(), StatusCodes.Status200OK);

    public async Task<IResult> OpenAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var form = request.HasFormContentType ? await request.ReadFormAsync(cancellationToken) : null;
        var reference = (form?["reference"].ToString() ?? "").Trim().ToUpperInvariant();
        var code = form?["receiptCode"].ToString() ?? "";

        var report = ReportReference.IsWellFormed(reference) ? await reports.FindAsync(reference, cancellationToken) : null;
        if (report is null || !ReceiptCode.Matches(code, report.ReceiptCodeHash))
        {
            return AskForCode(reference, StatusCodes.Status404NotFound, "We could not find a report with this reference and receipt code. Check both and try again.");
        }

        var page = new HtmlPage($"Report {reference}").Heading($"Your report {reference}").Field("Received", report.ReceivedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture));
        foreach (var entry in (await timeline.ReadAsync(reference, cancellationToken)).OrderBy(e => e.At))
        {
            if (Visible.TryGetValue(entry.Step, out var text))
            {
                page.Field(entry.At.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture), text);
            }
        }

        return page;
    }

    static HtmlPage AskForCode(string reference, int status, string? message = null)
    {
        var page = new HtmlPage("Follow your report", status).Heading("Follow your report");
        if (message is not null)
        {
            page.Paragraph(message);
        }

        return page.Form(
            "/api/status",
            "Open my report",
            new Dictionary<string, string>(),
            new FormInput("reference", "Reference", Value: reference),
            new FormInput("receiptCode", "Receipt code", "password"));
    }
}
