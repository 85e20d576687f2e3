using System.Net.Mail;
using CocReports.Api.CaseActions;
using CocReports.Api.Intake;
using CocReports.Api.Pages;
using CocReports.Api.Requests;
using CocReports.Procedure.Intake;
using CocReports.Procedure.Links;
using CocReports.Procedure.Mail;
using CocReports.Procedure.Notifications;
using CocReports.Procedure.Organizers;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Telemetry;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using F = CocReports.Api.Organizers.OrganizerIntakeForm;

namespace CocReports.Api.Organizers;

/// <summary>
/// /api/organizer/intake: an organizer's personal link opens the intake form (GET) and sends it (POST). The report is
/// stored and its workflow started as the form's are; an urgent one alerts the event's other organizers at once.
/// </summary>
public sealed class OrganizerIntake(
    OrganizerLinks links,
    IOptions<OrganizerOptions> organizers,
    IOptions<IntakeOptions> limits,
    IReportStore reports,
    ReporterLinks reporterLinks,
    ReportWorkflowStart workflowStart,
    OnceOnlyMail mail,
    ProcedureMetrics metrics,
    TimeProvider clock,
    ILogger<OrganizerIntake> log)
{
    public const string Route = "organizer/intake";

    public IResult Show(HttpRequest request)
    {
        var token = request.Query["token"].ToString();
        return links.Check(token, organizers.Value) is { } organizer
            ? Page(organizer, token, null)
            : Refused();
    }

    public async Task<IResult> SubmitAsync(HttpRequest request, DurableTaskClient workflows, CancellationToken cancellationToken)
    {
        var (tooLarge, form) = await SmallForm.ReadAsync(request, cancellationToken);
        if (tooLarge is not null)
        {
            return tooLarge;
        }

        var token = form["token"].ToString();
        if (links.Check(token, organizers.Value) is not { } organizer)
        {
            return Refused();
        }

        var errors = Validate(form);
        if (errors.Count > 0)
        {
            return Page(organizer, token, errors);
        }

        var anonymous = FormValues.Text(form, F.Identity) == "anonymous";
        var details = new ReportDetails
        {
            Description = FormValues.Text(form, F.Description)!,
            OccurredAt = FormValues.Text(form, F.OccurredAt),
            Location = FormValues.Text(form, F.Location),
            IsOngoing = FormValues.Text(form, F.Ongoing) switch { "yes" => Ongoing.Yes, "no" => Ongoing.No, _ => Ongoing.Unsure },
            FeelsUnsafe = FormValues.Text(form, F.SafetyConcern) == "true",
            ReportedPerson = FormValues.Text(form, F.Involved),
            OthersInvolved = FormValues.Text(form, F.Witnesses),
            Circumstances = Join(("Help offered", FormValues.Text(form, F.HelpOffered)), ("How the reporter would like to be contacted", anonymous ? null : FormValues.Text(form, F.ContactPreference))),
            Setting = IncidentSetting.Physical,
            EventName = string.IsNullOrEmpty(organizer.EventDates) ? organizer.Event : $"{organizer.Event} ({organizer.EventDates})",
            ContactName = anonymous ? null : FormValues.Text(form, F.ContactName),
            ContactEmail = anonymous ? null : FormValues.Text(form, F.ContactEmail),
        };
        var receiptCode = ReceiptCode.New();
        var report = new Report(ReportReference.New(), clock.GetUtcNow(), details, [], ReceiptCode.Hash(receiptCode))
        {
            Door = Door.Organizer,
            TakenBy = $"{organizer.Name}, organizer at {organizer.Event}",
        };
        try
        {
            await reports.TryAddAsync(report, cancellationToken);
        }
        catch (StorageUnavailableException)
        {
            return Problems.Unavailable();
        }

        metrics.ReportReceived("organizer");
        log.LogInformation("Report {Reference} taken by an organizer", report.Reference);
        try
        {
            await workflowStart.StartAsync(workflows, report, receiptCode, mayExist: false, cancellationToken);
        }
        catch (Exception e) when (e is StorageUnavailableException or RpcException)
        {
            log.LogWarning("Report {Reference} is stored but its workflow did not start; the sweep will start it", report.Reference);
        }

        if (details.IsUrgent)
        {
            await AlertOthersAsync(report, organizer);
        }

        return OrganizerReceiptPage.For(report.Reference, receiptCode, reporterLinks.StatusPage(report.Reference), emailed: !details.IsAnonymous);
    }

    /// <summary>The other organizers can help on site now; the reporter's receipt must not wait on their mail.</summary>
    async Task AlertOthersAsync(Report report, Organizer takenBy)
    {
        foreach (var other in organizers.Value.OthersAt(takenBy))
        {
            try
            {
                await mail.SendAsync(report.Reference, await OrganizerMail.UrgentAlertAsync(report, takenBy, other), CancellationToken.None);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError("An urgent alert to an organizer of report {Reference} could not be sent ({Reason})", report.Reference, e.GetType().Name);
            }
        }
    }

    Dictionary<string, string> Validate(IFormCollection form)
    {
        var errors = new Dictionary<string, string>();
        if (FormValues.Text(form, F.Description) is null)
        {
            errors[F.Description] = "Please write down what happened.";
        }

        foreach (var field in form.Keys.Where(k => form[k].ToString().Length > limits.Value.MaxTextLength))
        {
            errors[field] = $"A field may hold at most {limits.Value.MaxTextLength:N0} characters.";
        }

        if (FormValues.Text(form, F.Identity) != "anonymous" && FormValues.Text(form, F.ContactEmail) is { } email && !MailAddress.TryCreate(email, out _))
        {
            errors[F.ContactEmail] = "Please check the reporter's email address, or leave it empty.";
        }

        return errors;
    }

    static string? Join(params (string Label, string? Value)[] parts) =>
        parts.Any(p => p.Value is not null) ? string.Join("\n", parts.Where(p => p.Value is not null).Select(p => $"{p.Label}: {p.Value}")) : null;

    static HtmlPage Page(Organizer organizer, string token, IReadOnlyDictionary<string, string>? errors)
    {
        return F.For(organizer).Page(OrganizerLinks.Path, token, errors, errors is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    static HtmlPage Refused() =>
        new HtmlPage("This link does not work", StatusCodes.Status403Forbidden)
            .Heading("This organizer link does not work.")
            .Paragraph("It may have been changed, or its organizer is no longer on the list for this event. Ask the Code of Conduct committee for a new link; a reporter can always use the report form or write to the committee.");
}
