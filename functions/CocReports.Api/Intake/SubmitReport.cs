using CocReports.Api.Limits;
using CocReports.Api.Pages;
using CocReports.Procedure.Intake;
using CocReports.Procedure.Links;
using CocReports.Procedure.Notifications;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;
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
    SealedSecret sealer,
    IOptions<WorkflowOptions> schedule,
    TimeProvider clock,
    ClientLimits clientLimits,
    ILogger<SubmitReport> log)
{
    public const string IdempotencyHeader = "Idempotency-Key";

    readonly byte[] idempotencyKey = links.DeriveKey("idempotency");

    public async Task<IResult> HandleAsync(HttpRequest request, DurableTaskClient workflows, CancellationToken cancellationToken)
    {
        if (await clientLimits.IntakeAsync(request, cancellationToken) is { } wait)
        {
            return Problems.TooManyRequests(wait);
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

        var existing = retried ? await reports.FindAsync(reference, cancellationToken) : null;
        if (existing is not null)
        {
            // The first attempt was stored; make sure its workflow runs, and answer as the first time.
            await StartWorkflowAsync(workflows, existing, receiptCode, retried: true, cancellationToken);
            return Receipt(request, new ReportReceipt(reference, receiptCode, reporterLinks.StatusPage(reference)));
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

            // From here the report is kept whatever happens: a retry with the same key starts its workflow.
            stored = true;
            await StartWorkflowAsync(workflows, report, receiptCode, retried, cancellationToken);
            log.LogInformation("Report {Reference} received with {FileCount} evidence files", reference, report.Evidence.Count);
            return Receipt(request, new ReportReceipt(reference, receiptCode, reporterLinks.StatusPage(reference)));
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

    async Task StartWorkflowAsync(DurableTaskClient workflows, Report report, string receiptCode, bool retried, CancellationToken cancellationToken)
    {
        // Only a retry can find its workflow already running; a first submission skips the lookup.
        if (retried && await workflows.GetInstanceAsync(report.InstanceId, cancellationToken) is not null)
        {
            return;
        }

        var input = new CaseProgress(report.Reference, report.ReceivedAt, report.Details.IsUrgent, sealer.Seal(receiptCode), schedule.Value);
        try
        {
            await workflows.ScheduleNewOrchestrationInstanceAsync(
                nameof(ReportWorkflow), input, new StartOrchestrationOptions(report.InstanceId), cancellationToken);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.AlreadyExists)
        {
            // A retry raced the first attempt: the workflow already runs.
        }
    }

    // Cleanup must finish even when the reporter's connection dropped.
    async Task RemoveAsync(IEnumerable<EvidenceFile> stored)
    {
        foreach (var file in stored)
        {
            await evidence.DeleteAsync(file.BlobName, CancellationToken.None);
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
