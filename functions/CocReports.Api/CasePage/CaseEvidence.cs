using CocReports.Api.Pages;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;
using Microsoft.AspNetCore.Http;

namespace CocReports.Api.CasePage;

/// <summary>
/// GET /api/reports/{reference}/evidence/{index}: one evidence file, streamed through the app to a member of the
/// report's audience in a case session (see <see cref="CaseAccess"/>). Storage is never exposed: no public or long-lived URL.
/// </summary>
public sealed class CaseEvidence(CaseAccess access, IEvidenceStore evidence)
{
    public async Task<IResult> DownloadAsync(HttpRequest request, string reference, int index, CancellationToken cancellationToken)
    {
        var (refusal, opened) = await access.OpenAsync(request, reference, report => What(report, index), cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var open = opened!;
        var files = open.Report.Evidence;
        if (index < 0 || index >= files.Count)
        {
            return NotFound();
        }

        var file = files[index];
        var content = await evidence.OpenReadAsync(file.BlobName, cancellationToken);
        if (content is null)
        {
            return NotFound();
        }

        try
        {
            await access.RecordAsync(open, file.BlobName, cancellationToken);
        }
        catch
        {
            await content.DisposeAsync();
            throw;
        }

        return new EvidenceDownload(content, index, file);
    }

    // Out of range, the audit names the blob such an index would have.
    static string What(Report report, int index) =>
        index >= 0 && index < report.Evidence.Count ? report.Evidence[index].BlobName : $"{report.Reference}/{index:D2}";

    static HtmlPage NotFound() =>
        new HtmlPage("This file is not available", StatusCodes.Status404NotFound)
            .Heading("This file is not available.")
            .Paragraph("It is not part of this report, or it was removed when the report's evidence was purged. Nothing was changed.");
}
