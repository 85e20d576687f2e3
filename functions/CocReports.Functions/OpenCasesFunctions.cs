using CocReports.Api.OpenCases;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CocReports.Functions;

public sealed class OpenCasesFunctions(OpenCasesPage page, SignInPage signIn, PasskeyResetPage passkeyReset, ContactVouchPage contactVouch, OpenCasesDigest digest)
{
    [Function("ShowOpenCases")]
    public async Task<IActionResult> Show(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "open-cases")] HttpRequest request,
        CancellationToken cancellationToken) =>
        new ResultAction(await page.ShowAsync(request, cancellationToken));

    [Function("ExchangeOpenCasesLink")]
    public async Task<IActionResult> Exchange(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "open-cases")] HttpRequest request,
        CancellationToken cancellationToken) =>
        new ResultAction(await page.ExchangeAsync(request, cancellationToken));

    [Function("ShowSignIn")]
    public IActionResult ShowSignIn(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "open-cases/sign-in")] HttpRequest request) =>
        new ResultAction(signIn.Show(request));

    [Function("SignIn")]
    public async Task<IActionResult> SignIn(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "open-cases/sign-in")] HttpRequest request,
        CancellationToken cancellationToken) =>
        new ResultAction(await signIn.SignInAsync(request, cancellationToken));

    [Function("ShowPasskeyReset")]
    public async Task<IActionResult> ShowPasskeyReset(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "open-cases/passkey-reset")] HttpRequest request,
        CancellationToken cancellationToken) =>
        new ResultAction(await passkeyReset.ShowAsync(request, cancellationToken));

    [Function("VouchPasskeyReset")]
    public async Task<IActionResult> VouchPasskeyReset(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "open-cases/passkey-reset")] HttpRequest request,
        CancellationToken cancellationToken) =>
        new ResultAction(await passkeyReset.VouchAsync(request, cancellationToken));

    [Function("ShowContactVouch")]
    public IActionResult ShowContactVouch(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "passkey-reset")] HttpRequest request) =>
        new ResultAction(contactVouch.Show(request));

    [Function("ContactVouch")]
    public async Task<IActionResult> ContactVouch(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "passkey-reset")] HttpRequest request,
        CancellationToken cancellationToken) =>
        new ResultAction(await contactVouch.VouchAsync(request, cancellationToken));

    // Hourly, on the hour (NCRONTAB: second minute hour day month day-of-week), https://learn.microsoft.com/azure/azure-functions/functions-bindings-timer:
    // the digest itself decides from OpenCases:DigestDay and DigestAt whether this week's is due, the same in both hosts.
    [Function(nameof(OpenCasesDigest))]
    public Task Digest([TimerTrigger("0 0 * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        digest.RunAsync(cancellationToken);
}
