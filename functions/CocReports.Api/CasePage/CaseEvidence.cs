using CocReports.Api.Pages;
using CocReports.Procedure.Committee;
using CocReports.Procedure.Evidence;
using CocReports.Procedure.Rendering;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CocReports.Api.CasePage;

/// <summary>
/// GET /api/reports/{reference}/evidence/{index}: one evidence file, streamed through the app to a member of the
/// report's audience in a case session (see <see cref="CaseAccess"/>); a photo as a copy without its metadata
/// (<see cref="EvidenceMetadata"/>). GET …/evidence/{index}/original: the file exactly as received, always as a
/// download, audited as such. Storage is never exposed: no public or long-lived URL.
/// </summary>
public sealed class CaseEvidence(CaseAccess access, IEvidenceStore evidence, IOptions<CommitteeOptions> committee)
{
    /// <summary>What the audit trail names a download of an original by, followed by its blob name.</summary>
    public const string OriginalPrefix = "original:";

    public static string OriginalHref(string reference, int index) => CasePage.EvidenceHref(reference, index) + "/original";

    public async Task<IResult> DownloadAsync(HttpRequest request, string reference, int index, CancellationToken cancellationToken)
    {
        var (refusal, file, content, t) = await OpenAsync(request, reference, index, blobName => blobName, original: false, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!EvidenceMetadata.CanRemove(file!.ContentType))
        {
            return new EvidenceDownload(content!, index, file);
        }

        // Cleaned before anything is sent, so a picture that cannot be is answered with a page saying so; a copy is
        // never larger than its original.
        var cleaned = new MemoryStream((int)Math.Min(file.Length, int.MaxValue));
        bool removed;
        await using (content)
        {
            removed = await EvidenceMetadata.RemoveAsync(content!, file.ContentType, cleaned, cancellationToken);
        }

        if (!removed)
        {
            await cleaned.DisposeAsync();
            return NotCleaned(reference, index, t!);
        }

        cleaned.Position = 0;
        return new EvidenceDownload(cleaned, index, file);
    }

    public async Task<IResult> DownloadOriginalAsync(HttpRequest request, string reference, int index, CancellationToken cancellationToken)
    {
        var (refusal, file, content, _) = await OpenAsync(request, reference, index, blobName => OriginalPrefix + blobName, original: true, cancellationToken);
        return refusal ?? new EvidenceDownload(content!, index, file!, original: true);
    }

    // The file, or the page refusing it, and the words of the member it is for.
    async Task<(IResult? Refusal, EvidenceFile? File, Stream? Content, Texts? Texts)> OpenAsync(
        HttpRequest request, string reference, int index, Func<string, string> what, bool original, CancellationToken cancellationToken)
    {
        var (refusal, admitted) = await access.AdmitAsync(request, reference, report => what(BlobName(report, index)), cancellationToken);
        if (refusal is not null)
        {
            return (refusal, null, null, null);
        }

        // An original keeps what the copy leaves out (where a photo was taken): a recent passkey confirmation first.
        if (original && access.StepUp(admitted!, request, "Case.StepUp.Original") is { } stepUp)
        {
            return (stepUp, null, null, null);
        }

        var viewed = admitted!;
        var t = committee.Value.TextsFor(viewed.MemberId);
        var files = viewed.Report.Evidence;
        if (index < 0 || index >= files.Count)
        {
            return (NotFound(t), null, null, null);
        }

        var file = files[index];
        var content = await evidence.OpenReadAsync(file.BlobName, cancellationToken);
        if (content is null)
        {
            return (NotFound(t), null, null, null);
        }

        try
        {
            await access.RecordAsync(viewed, what(file.BlobName), cancellationToken);
        }
        catch
        {
            await content.DisposeAsync();
            throw;
        }

        return (null, file, content, t);
    }

    // Out of range, the audit names the blob such an index would have.
    static string BlobName(Report report, int index) =>
        index >= 0 && index < report.Evidence.Count ? report.Evidence[index].BlobName : $"{report.Reference}/{index:D2}";

    static HtmlPage NotFound(Texts t) =>
        new HtmlPage(t["Case.FileMissing.Title"], StatusCodes.Status404NotFound, t.Language)
            .Heading(t["Case.FileMissing.Heading"])
            .Paragraph(t["Case.FileMissing.Text"]);

    static HtmlPage NotCleaned(string reference, int index, Texts t) =>
        new HtmlPage(t["Case.NotCleaned.Title"], StatusCodes.Status422UnprocessableEntity, t.Language)
            .Heading(t["Case.NotCleaned.Heading"])
            .Paragraph(t["Case.NotCleaned.Text"])
            .Link(t["Case.NotCleaned.Link"], OriginalHref(reference, index));
}
