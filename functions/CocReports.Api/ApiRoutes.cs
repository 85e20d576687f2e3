using CocReports.Api.CaseActions;
using CocReports.Api.CasePage;
using CocReports.Api.Committee;
using CocReports.Api.Form;
using CocReports.Api.Intake;
using CocReports.Api.Intake.Mail;
using CocReports.Api.OpenCases;
using CocReports.Api.Organizers;
using CocReports.Api.Pages;
using CocReports.Api.Status;
using CocReports.Api.Transparency;
using CocReports.Procedure.Workflow;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CocReports.Api;

/// <summary>
/// The API's routes for an ASP.NET Core host. They match the Functions app's HTTP triggers one for one
/// (a test compares them with the generated functions.metadata).
/// </summary>
public static class ApiRoutes
{
    public static RouteGroupBuilder MapCocReportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapPost("/reports", (HttpRequest request, SubmitReport handler, ICaseWorkflow workflows, CancellationToken ct) =>
            handler.HandleAsync(request, workflows, ct)).DisableAntiforgery();
        api.MapGet("/" + CaseActionEndpoint.Route, (HttpRequest request, string reference, string action, CaseActionEndpoint handler, ICaseWorkflow workflows, CancellationToken ct) =>
            handler.ShowAsync(request, workflows, reference, action, ct));
        api.MapPost("/" + CaseActionEndpoint.Route, (HttpRequest request, string reference, string action, CaseActionEndpoint handler, ICaseWorkflow workflows, CancellationToken ct) =>
            handler.ConfirmAsync(request, workflows, reference, action, ct)).DisableAntiforgery();
        api.MapGet("/committee", (GetCommittee handler) => handler.Handle());
        api.MapGet("/form-config", (FormConfig handler) => handler.Handle());
        api.MapGet("/report-form", (HttpRequest request, PlainReportForm handler) => handler.Handle(request));
        api.MapGet("/pages.css", PageStyle.Handle);
        api.MapGet("/passkeys.js", PasskeyScript.Handle);
        api.MapGet("/status", StatusPage.Show);
        api.MapPost("/status", (HttpRequest request, StatusPage handler, CancellationToken ct) => handler.OpenAsync(request, ct)).DisableAntiforgery();
        api.MapPost("/status/answer", (HttpRequest request, StatusPage handler, ICaseWorkflow workflows, CancellationToken ct) =>
            handler.AnswerAsync(request, workflows, ct)).DisableAntiforgery();
        api.MapPost("/" + InboundMailWebhook.Route, (HttpRequest request, InboundMailWebhook handler, ICaseWorkflow workflows, CancellationToken ct) =>
            handler.HandleAsync(request, workflows, ct)).DisableAntiforgery();
        api.MapGet("/" + OrganizerIntake.Route, (HttpRequest request, OrganizerIntake handler, CancellationToken ct) => handler.ShowAsync(request, ct));
        api.MapPost("/" + OrganizerIntake.Route, (HttpRequest request, OrganizerIntake handler, ICaseWorkflow workflows, CancellationToken ct) =>
            handler.SubmitAsync(request, workflows, ct)).DisableAntiforgery();
        api.MapGet("/" + ResponseCheck.Route, (HttpRequest request, ResponseCheck handler, CancellationToken ct) => handler.ShowAsync(request, ct));
        api.MapPost("/" + ResponseCheck.Route, (HttpRequest request, ResponseCheck handler, CancellationToken ct) => handler.CheckAsync(request, ct)).DisableAntiforgery();
        api.MapGet("/transparency", (HttpRequest request, TransparencyPage handler, CancellationToken ct) => handler.ShowAsync(request, ct));
        api.MapPost("/transparency", (HttpRequest request, TransparencyPage handler, CancellationToken ct) => handler.DraftAsync(request, ct)).DisableAntiforgery();
        api.MapCasePage();
        api.MapOpenCases();
        return api;
    }
}
