using System.Security.Cryptography;
using CocReports.Api.Limits;
using CocReports.Api.Form;
using CocReports.Api.Pages;
using CocReports.Api.Requests;
using CocReports.Procedure.Intake;
using CocReports.Procedure.Links;
using CocReports.Procedure.Notifications;
using CocReports.Procedure.Rendering;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CocReports.Api.Intake;

/// <summary>
/// POST /api/reports. Store first, then notify: the report row and every evidence blob are written before the
/// workflow starts, and a rejected submission leaves nothing behind.
/// </summary>
public sealed class SubmitReport(
    IOptions<IntakeOptions> limits,
    ReportValidator validator,
    IReportStore reports,
    IEvidenceStore evidence,
    ActionLinks links,
    ReporterLinks reporterLinks,
    ReportIntake intake,
    ReportWorkflowStart workflowStart,
    TimeProvider clock,
    ClientLimits clientLimits,
    PlainReportForm plainForm,
    ILogger<SubmitReport> log)
{
    public const string IdempotencyHeader = "Idempotency-Key";

    readonly byte[] idempotencyKey = links.DeriveRecordKey(KeyPurpose.Idempotency);

    public async Task<IResult> HandleAsync(HttpRequest request, ICaseWorkflow workflows, CancellationToken cancellationToken)
    {
        var header = request.Headers[IdempotencyHeader].ToString();
        var key = header.Length > 0 ? IdempotencyKey.Normalize(header) : null;
        if (header.Length > 0 && key is null)
        {
            return Problems.Invalid(new Dictionary<string, string[]> { [IdempotencyHeader] = [IdempotencyKey.Rule] }, Texts.For(Texts.Default));
        }

        if (!BodyLimit.TryApply(request, SubmissionReader.MaxBodyBytes(request, limits.Value)))
        {
            // Refused before the body is read, so before it names its language.
            var english = Texts.For(Texts.Default);
            return await RefuseAsync(request, Problems.TooLarge(english["Intake.ReportTooLarge"], english), null, cancellationToken);
        }

        var keyed = key is not null;
        var reference = keyed ? ReportReference.FromIdempotencyKey(key!, idempotencyKey) : ReportReference.New();
        var receiptCode = keyed ? ReceiptCode.FromIdempotencyKey(key!, idempotencyKey) : ReceiptCode.New();

        try
        {
            // Before the body: a client over its budget writes nothing. A retry under a stored report's key isn't
            // looked up first (that would be a read on every first submission, which is nearly all of them): it is
            // read and stored like any, meets the stored row, and keeps nothing.
            if (await clientLimits.IntakeAsync(request, cancellationToken) is { } wait)
            {
                return await RefuseAsync(request, Problems.TooManyRequests(wait), null, cancellationToken);
            }
        }
        catch (StorageUnavailableException)
        {
            // The budget lives in storage: with storage down nothing could be kept.
            return await RefuseAsync(request, Problems.Unavailable(), null, cancellationToken);
        }

        var reader = new SubmissionReader(limits.Value, evidence, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)));
        var stored = false;
        try
        {
            var form = await reader.ReadAsync(request, reference, cancellationToken);
            var validation = validator.Validate(form);
            if (!validation.IsValid)
            {
                await RemoveAsync(reader.Stored);
                return await RefuseAsync(request, Problems.Invalid(validation.Errors, reader.T), reader, cancellationToken);
            }

            var contentHash = SubmissionHash.Of(validation.Details!, reader.Stored);
            var report = new Report(reference, clock.GetUtcNow(), validation.Details!, reader.Stored, ReceiptCode.Hash(receiptCode)) { ContentHash = contentHash };
            var accepted = await intake.AcceptAsync(report, receiptCode, workflows, cancellationToken);
            if (!accepted.Stored)
            {
                // An attempt with this key was stored before or while this one was read: answer from it, keep nothing of this one.
                await RemoveAsync(reader.Stored);
                var existing = await reports.FindAsync(reference, cancellationToken) ?? throw new InvalidOperationException("A stored report vanished.");
                return await ReplayAsync(request, workflows, existing, contentHash, receiptCode, cancellationToken);
            }

            // The report is kept whatever happens now: a workflow that did not start is started by a retry with the same
            // key and content, or by the sweep, so the reporter gets their receipt rather than an error that invites a
            // second report.
            stored = true;
            return Receipt(request, report, receiptCode);
        }
        catch (IntakeRejection rejection)
        {
            await RemoveAsync(reader.Stored);
            return await RefuseAsync(request, rejection.Problem, reader, cancellationToken);
        }
        catch (EvidenceTooLargeException tooLarge)
        {
            await RemoveAsync(reader.Stored);
            return await RefuseAsync(request, Problems.TooLarge(tooLarge.Message, reader.T), reader, cancellationToken);
        }
        catch (Exception e) when (!stored && BodyLimit.WasExceeded(e))
        {
            await RemoveAsync(reader.Stored);
            return await RefuseAsync(request, Problems.TooLarge(reader.T["Intake.ReportTooLarge"], reader.T), reader, cancellationToken);
        }
        catch (StorageUnavailableException) when (!stored)
        {
            // Whatever evidence did reach storage is removed now if possible, else by the sweep after its grace period.
            await RemoveAsync(reader.Stored, bestEffort: true);
            log.LogWarning("Storage was unavailable while report {Reference} was being stored; the reporter was asked to retry", reference);
            return await RefuseAsync(request, Problems.Unavailable(), reader, cancellationToken);
        }
        catch (Exception e) when (!stored)
        {
            await RemoveAsync(reader.Stored);
            if (!cancellationToken.IsCancellationRequested)
            {
                log.LogError(e, "Storing report {Reference} failed; its evidence was removed", reference);
            }

            throw;
        }
    }

    /// <summary>
    /// A refusal: problem details for scripts; for the plain form, the form again with the reporter's text (read now
    /// if the refusal came before the body was) and the errors, so that a reporter without JavaScript never sees JSON.
    /// </summary>
    async Task<IResult> RefuseAsync(HttpRequest request, IResult problem, SubmissionReader? reader, CancellationToken cancellationToken)
    {
        if (!WantsHtml(request))
        {
            return problem;
        }

        reader ??= new SubmissionReader(limits.Value, UnkeptEvidence.Instance, "");
        var sent = reader.Form.All(ReportFields.Description).Count > 0 ? reader.Form : await reader.ReadTextAsync(request, cancellationToken);
        return plainForm.Again(problem, sent);
    }

    /// <summary>
    /// A second submission under a stored report's key: the same content is a retry and gets the first receipt (and
    /// the workflow is started if the first attempt stopped before that); anything else is refused.
    /// </summary>
    async Task<IResult> ReplayAsync(HttpRequest request, ICaseWorkflow workflows, Report existing, string contentHash, string receiptCode, CancellationToken cancellationToken) =>
        SubmissionHash.Same(existing.ContentHash, contentHash)
            ? await StartWorkflowAsync(request, workflows, existing, receiptCode, cancellationToken)
            : await RefuseAsync(request, Problems.Conflict("A different report was already received with this Idempotency-Key. A key names one report: send a new report with a new key."), null, cancellationToken);

    async Task<IResult> StartWorkflowAsync(HttpRequest request, ICaseWorkflow workflows, Report report, string receiptCode, CancellationToken cancellationToken)
    {
        try
        {
            await workflowStart.StartAsync(workflows, report, receiptCode, mayExist: true, cancellationToken);
        }
        catch (Exception e) when (e is StorageUnavailableException or CaseWorkflowUnavailableException)
        {
            // As at the first attempt: the report is kept, and the sweep starts its workflow within minutes.
            log.LogWarning("Report {Reference} is stored but its workflow did not start; the sweep will start it", report.Reference);
        }

        return Receipt(request, report, receiptCode);
    }

    // Cleanup must finish even when the reporter's connection dropped.
    async Task RemoveAsync(IEnumerable<EvidenceFile> stored, bool bestEffort = false)
    {
        foreach (var file in stored)
        {
            try
            {
                await evidence.DeleteAsync(file.BlobName, CancellationToken.None);
            }
            catch (StorageUnavailableException) when (bestEffort)
            {
                return;
            }
        }
    }

    IResult Receipt(HttpRequest request, Report report, string receiptCode)
    {
        var receipt = new ReportReceipt(report.Reference, receiptCode, reporterLinks.StatusPage(report.Reference, report.Details.Language));
        if (!WantsHtml(request))
        {
            return TypedResults.Accepted(receipt.StatusUrl, receipt);
        }

        var t = Texts.For(report.Details.Language);
        return new HtmlPage(t["Receipt.Title"], StatusCodes.Status202Accepted, t.Language)
            .Heading(t["Receipt.Heading"])
            .Paragraph(t["Receipt.Save"])
            .Field(t["Status.Reference"], receipt.Reference)
            .Field(t["Status.ReceiptCode"], receipt.ReceiptCode)
            .Link(t["Receipt.OpenStatus"], receipt.StatusUrl.AbsoluteUri);
    }

    // The plain form posts with the browser's Accept (text/html first); scripts ask for JSON.
    static bool WantsHtml(HttpRequest request) =>
        request.GetTypedHeaders().Accept is { Count: > 0 } accept
        && accept.OrderByDescending(a => a.Quality ?? 1).First().MediaType.Value is "text/html";
}
