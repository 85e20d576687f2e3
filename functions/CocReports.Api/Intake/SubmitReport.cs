using CocReports.Api.Limits;
using CocReports.Api.Pages;
using CocReports.Procedure.Intake;
using CocReports.Procedure.Links;
using CocReports.Procedure.Notifications;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Telemetry;
using CocReports.Procedure.Workflow;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
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
    ReportWorkflowStart workflowStart,
    TimeProvider clock,
    ProcedureMetrics metrics,
    ClientLimits clientLimits,
    ILogger<SubmitReport> log)
{
    public const string IdempotencyHeader = "Idempotency-Key";

    /// <summary>What a reporter is asked to wait when storage is down: long enough for a blip to pass.</summary>
    static readonly TimeSpan StorageRetryAfter = TimeSpan.FromSeconds(30);

    readonly byte[] idempotencyKey = links.DeriveKey("idempotency");

    public async Task<IResult> HandleAsync(HttpRequest request, DurableTaskClient workflows, CancellationToken cancellationToken)
    {
        try
        {
            if (await clientLimits.IntakeAsync(request, cancellationToken) is { } wait)
            {
                return Problems.TooManyRequests(wait);
            }
        }
        catch (StorageUnavailableException)
        {
            // The budget lives in storage; with storage down the report could not be kept either.
            return Problems.Unavailable(StorageRetryAfter);
        }

        // Multipart framing adds a little to the evidence; anything beyond that margin is refused before reading.
        if (request.ContentLength > limits.Value.MaxReportBytes + (1024 * 1024) + (ReportFields.Text.Length * limits.Value.MaxTextLength * 4L))
        {
            return Problems.TooLarge("The report is larger than the limit.");
        }

        var key = request.Headers[IdempotencyHeader].ToString();
        if (key.Length > 200)
        {
            return Problems.Invalid(new Dictionary<string, string[]> { [IdempotencyHeader] = ["The idempotency key may be at most 200 characters."] });
        }

        var retried = key.Length > 0;
        var reference = retried ? ReportReference.FromIdempotencyKey(key, idempotencyKey) : ReportReference.New();
        var receiptCode = retried ? ReceiptCode.FromIdempotencyKey(key, idempotencyKey) : ReceiptCode.New();

        Report? existing;
        try
        {
            existing = retried ? await reports.FindAsync(reference, cancellationToken) : null;
        }
        catch (StorageUnavailableException)
        {
            return Problems.Unavailable(StorageRetryAfter);
        }

        if (existing is not null)
        {
            // The first attempt was stored; make sure its workflow runs, and answer as the first time.
            return await StartWorkflowAsync(request, workflows, existing, receiptCode, mayExist: true, cancellationToken);
        }

        var reader = new SubmissionReader(limits.Value, evidence);
        var stored = false;
        try
        {
            var form = await reader.ReadAsync(request, reference, cancellationToken);
            var validation = validator.Validate(form);
            if (!validation.IsValid)
            {
                await RemoveAsync(reader.Stored);
                return Problems.Invalid(validation.Errors);
            }

            var report = new Report(reference, clock.GetUtcNow(), validation.Details!, reader.Stored, ReceiptCode.Hash(receiptCode));
            await reports.SaveAsync(report, cancellationToken);

            // From here the report is kept whatever happens: a retry with the same key, or the sweep, starts its workflow.
            stored = true;
            metrics.ReportReceived("form");
            log.LogInformation("Report {Reference} received with {FileCount} evidence files", reference, report.Evidence.Count);
            return await StartWorkflowAsync(request, workflows, report, receiptCode, mayExist: retried, cancellationToken);
        }
        catch (IntakeRejection rejection)
        {
            await RemoveAsync(reader.Stored);
            return rejection.Problem;
        }
        catch (EvidenceTooLargeException tooLarge)
        {
            await RemoveAsync(reader.Stored);
            return Problems.TooLarge(tooLarge.Message);
        }
        catch (StorageUnavailableException) when (!stored)
        {
            // Whatever evidence did reach storage is removed now if possible, else by the sweep after its grace period.
            await RemoveAsync(reader.Stored, bestEffort: true);
            log.LogWarning("Storage was unavailable while report {Reference} was being stored; the reporter was asked to retry", reference);
            return Problems.Unavailable(StorageRetryAfter);
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

    async Task<IResult> StartWorkflowAsync(HttpRequest request, DurableTaskClient workflows, Report report, string receiptCode, bool mayExist, CancellationToken cancellationToken)
    {
        try
        {
            await workflowStart.StartAsync(workflows, report, receiptCode, mayExist, cancellationToken);
        }
        catch (Exception e) when (e is StorageUnavailableException or RpcException)
        {
            // The report is kept; only its workflow did not start. The sweep starts it within minutes, so the reporter
            // gets their receipt now rather than an error that invites a second report.
            log.LogWarning("Report {Reference} is stored but its workflow did not start; the sweep will start it", report.Reference);
        }

        return Receipt(request, new ReportReceipt(report.Reference, receiptCode, reporterLinks.StatusPage(report.Reference)));
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

    static IResult Receipt(HttpRequest request, ReportReceipt receipt) =>
        WantsHtml(request)
            ? new HtmlPage("Report received", StatusCodes.Status202Accepted)
                .Heading("Thank you. Your report was received.")
                .Paragraph("Save the reference and the receipt code now: the code is shown only once. With both you can follow your report and answer the committee's questions on the status page.")
                .Field("Reference", receipt.Reference)
                .Field("Receipt code", receipt.ReceiptCode)
                .Link("Open the status page", receipt.StatusUrl.AbsoluteUri)
            : TypedResults.Accepted(receipt.StatusUrl, receipt);

    // The plain form posts with the browser's Accept (text/html first); scripts ask for JSON.
    static bool WantsHtml(HttpRequest request) =>
        request.GetTypedHeaders().Accept is { Count: > 0 } accept
        && accept.OrderByDescending(a => a.Quality ?? 1).First().MediaType.Value is "text/html";
}
