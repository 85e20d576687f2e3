using CocReports.Api.Engine;
using CocReports.Api.Status;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace CocReports.Functions;

public sealed class StatusFunctions(StatusPage handler)
{
    [Function("ShowStatus")]
    public static IActionResult Show(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "status")] HttpRequest request) =>
        new ResultAction(StatusPage.Show(request));

    [Function("OpenStatus")]
    public async Task<IActionResult> Open(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "status")] HttpRequest request,
        CancellationToken cancellationToken) =>
        new ResultAction(await handler.OpenAsync(request, cancellationToken));

    [Function("AnswerOnStatusPage")]
    public async Task<IActionResult> Answer(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "status/answer")] HttpRequest request,
        [DurableClient] DurableTaskClient workflows,
        CancellationToken cancellationToken) =>
        new ResultAction(await handler.AnswerAsync(request, new DurableCaseWorkflow(workflows), cancellationToken));
}
