using CocReports.Api.Engine;
using CocReports.Api.Organizers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace CocReports.Functions;

public sealed class OrganizerIntakeFunctions(OrganizerIntake handler, ResponseCheck responseCheck)
{
    [Function("OrganizerIntakeForm")]
    public async Task<IActionResult> Show(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = OrganizerIntake.Route)] HttpRequest request,
        CancellationToken cancellationToken) =>
        new ResultAction(await handler.ShowAsync(request, cancellationToken));

    [Function("OrganizerIntakeSubmit")]
    public async Task<IActionResult> Submit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = OrganizerIntake.Route)] HttpRequest request,
        [DurableClient] DurableTaskClient workflows,
        CancellationToken cancellationToken) =>
        new ResultAction(await handler.SubmitAsync(request, new DurableCaseWorkflow(workflows), cancellationToken));

    [Function("ShowResponseCheck")]
    public async Task<IActionResult> ShowResponseCheck(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ResponseCheck.Route)] HttpRequest request,
        CancellationToken cancellationToken) =>
        new ResultAction(await responseCheck.ShowAsync(request, cancellationToken));

    [Function("ResponseCheck")]
    public async Task<IActionResult> CheckResponse(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ResponseCheck.Route)] HttpRequest request,
        CancellationToken cancellationToken) =>
        new ResultAction(await responseCheck.CheckAsync(request, cancellationToken));
}
