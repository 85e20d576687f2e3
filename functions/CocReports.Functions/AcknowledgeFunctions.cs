using CocReports.Api.Acknowledgment;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace CocReports.Functions;

public sealed class AcknowledgeFunctions(Acknowledge handler)
{
    [Function("ShowAcknowledge")]
    public async Task<IActionResult> Show(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reports/{reference}/acknowledge")] HttpRequest request,
        string reference,
        CancellationToken cancellationToken) =>
        new ResultAction(await handler.ShowAsync(request, reference, cancellationToken));

    [Function("ConfirmAcknowledge")]
    public async Task<IActionResult> Confirm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "reports/{reference}/acknowledge")] HttpRequest request,
        string reference,
        [DurableClient] DurableTaskClient workflows,
        CancellationToken cancellationToken) =>
        new ResultAction(await handler.ConfirmAsync(request, workflows, reference, cancellationToken));
}
