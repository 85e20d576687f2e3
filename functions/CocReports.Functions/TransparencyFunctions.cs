using CocReports.Api.Transparency;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CocReports.Functions;

public sealed class TransparencyFunctions(TransparencyPage page, TransparencyReview review)
{
    [Function("ShowTransparencyReport")]
    public async Task<IActionResult> Show(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "transparency")] HttpRequest request,
        CancellationToken cancellationToken) =>
        new ResultAction(await page.ShowAsync(request, cancellationToken));

    [Function("DraftTransparencyReport")]
    public async Task<IActionResult> Draft(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "transparency")] HttpRequest request,
        CancellationToken cancellationToken) =>
        new ResultAction(await page.DraftAsync(request, cancellationToken));

    // January 1, 06:00 UTC (NCRONTAB: second minute hour day month day-of-week), https://learn.microsoft.com/azure/azure-functions/functions-bindings-timer
    [Function(nameof(TransparencyReview))]
    public Task Review([TimerTrigger("0 0 6 1 1 *")] TimerInfo timer, CancellationToken cancellationToken) =>
        review.RunAsync(cancellationToken);
}
