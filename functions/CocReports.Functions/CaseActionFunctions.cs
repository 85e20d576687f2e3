using CocReports.Api.CaseActions;
using CocReports.Api.Engine;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace CocReports.Functions;

/// <summary>Every action link from an email: acknowledge, recuse, follow up, status update, ask, resolve, answer.</summary>
public sealed class CaseActionFunctions(CaseActionEndpoint handler)
{
    [Function("ShowCaseAction")]
    public async Task<IActionResult> Show(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = CaseActionEndpoint.Route)] HttpRequest request,
        string reference,
        string action,
        [DurableClient] DurableTaskClient workflows,
        CancellationToken cancellationToken) =>
        new ResultAction(await handler.ShowAsync(request, new DurableCaseWorkflow(workflows), reference, action, cancellationToken));

    [Function("ConfirmCaseAction")]
    public async Task<IActionResult> Confirm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = CaseActionEndpoint.Route)] HttpRequest request,
        string reference,
        string action,
        [DurableClient] DurableTaskClient workflows,
        CancellationToken cancellationToken) =>
        new ResultAction(await handler.ConfirmAsync(request, new DurableCaseWorkflow(workflows), reference, action, cancellationToken));
}
