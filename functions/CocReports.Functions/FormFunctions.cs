using CocReports.Api.Committee;
using CocReports.Api.Form;
using CocReports.Api.Pages;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CocReports.Functions;

/// <summary>What the report form reads: the committee's public names, its configuration, and the plain no-JavaScript form.</summary>
public sealed class FormFunctions(GetCommittee committee, FormConfig config, PlainReportForm plainForm)
{
    [Function(nameof(GetCommittee))]
    public IActionResult Committee(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "committee")] HttpRequest request) =>
        new ResultAction(committee.Handle());

    [Function(nameof(FormConfig))]
    public IActionResult Config(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "form-config")] HttpRequest request) =>
        new ResultAction(config.Handle());

    [Function(nameof(PlainReportForm))]
    public IActionResult Plain(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "report-form")] HttpRequest request) =>
        new ResultAction(plainForm.Handle(request));

    [Function(nameof(PageStyle))]
    public IActionResult Style(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "pages.css")] HttpRequest request) =>
        new ResultAction(PageStyle.Handle());

    [Function(nameof(PasskeyScript))]
    public IActionResult Script(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "passkeys.js")] HttpRequest request) =>
        new ResultAction(PasskeyScript.Handle());
}
