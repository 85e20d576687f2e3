using CocReports.Api.Engine;
using CocReports.Api.Intake.Mail;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace CocReports.Functions;

public sealed class InboundMailFunction(InboundMailWebhook handler)
{
    [Function(nameof(InboundMailWebhook))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = InboundMailWebhook.Route)] HttpRequest request,
        [DurableClient] DurableTaskClient workflows,
        CancellationToken cancellationToken) =>
        new ResultAction(await handler.HandleAsync(request, new DurableCaseWorkflow(workflows), cancellationToken));
}
