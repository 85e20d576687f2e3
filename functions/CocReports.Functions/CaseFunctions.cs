using CocReports.Api.CasePage;
using CocReports.Api.Engine;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace CocReports.Functions;

public sealed class CaseFunctions(CasePage casePage, CaseAccess caseAccess, CaseEvidence caseEvidence, CaseTrailExport trailExport)
{
    [Function("ShowCase")]
    public async Task<IActionResult> Show(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reports/{reference}/view")] HttpRequest request,
        string reference,
        [DurableClient] DurableTaskClient workflows,
        CancellationToken cancellationToken) =>
        new ResultAction(await casePage.ShowAsync(request, new DurableCaseWorkflow(workflows), reference, cancellationToken));

    [Function("ExchangeCaseLink")]
    public async Task<IActionResult> Exchange(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "reports/{reference}/view")] HttpRequest request,
        string reference,
        CancellationToken cancellationToken) =>
        new ResultAction(await caseAccess.ExchangeAsync(request, reference, cancellationToken));

    [Function("AddPasskey")]
    public async Task<IActionResult> AddPasskey(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "reports/{reference}/passkey")] HttpRequest request,
        string reference,
        CancellationToken cancellationToken) =>
        new ResultAction(await caseAccess.AddPasskeyAsync(request, reference, cancellationToken));

    [Function("ConfirmPasskey")]
    public async Task<IActionResult> ConfirmPasskey(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "reports/{reference}/passkey/confirm")] HttpRequest request,
        string reference,
        CancellationToken cancellationToken) =>
        new ResultAction(await caseAccess.ConfirmPasskeyAsync(request, reference, cancellationToken));

    [Function("DownloadEvidence")]
    public async Task<IActionResult> Download(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reports/{reference}/evidence/{index:int}")] HttpRequest request,
        string reference,
        int index,
        CancellationToken cancellationToken) =>
        new ResultAction(await caseEvidence.DownloadAsync(request, reference, index, cancellationToken));

    [Function("DownloadOriginalEvidence")]
    public async Task<IActionResult> DownloadOriginal(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reports/{reference}/evidence/{index:int}/original")] HttpRequest request,
        string reference,
        int index,
        CancellationToken cancellationToken) =>
        new ResultAction(await caseEvidence.DownloadOriginalAsync(request, reference, index, cancellationToken));

    [Function("ExportTrailJson")]
    public async Task<IActionResult> ExportJson(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reports/{reference}/trail.json")] HttpRequest request,
        string reference,
        CancellationToken cancellationToken) =>
        new ResultAction(await trailExport.JsonAsync(request, reference, cancellationToken));

    [Function("ExportTrailCsv")]
    public async Task<IActionResult> ExportCsv(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reports/{reference}/trail.csv")] HttpRequest request,
        string reference,
        CancellationToken cancellationToken) =>
        new ResultAction(await trailExport.CsvAsync(request, reference, cancellationToken));
}
