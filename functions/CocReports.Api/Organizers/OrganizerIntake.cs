using System.Net.Mail;
using CocReports.Api.CaseActions;
using CocReports.Api.Intake;
using CocReports.Api.Limits;
using CocReports.Api.Pages;
using CocReports.Api.Requests;
using CocReports.Procedure.Committee;
using CocReports.Procedure.Intake;
using CocReports.Procedure.Links;
using CocReports.Procedure.Mail;
using CocReports.Procedure.Notifications;
using CocReports.Procedure.Organizers;
using CocReports.Procedure.Rendering;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using F = CocReports.Api.Organizers.OrganizerIntakeForm;

namespace CocReports.Api.Organizers;

/// <summary>
/// /api/organizer/intake: an organizer's personal link opens the intake form (GET) and sends it (POST). The report is
/// stored and its workflow started as the form's are; an urgent one alerts the event's other organizers at once.
/// A link is refused once expired or revoked; what is sent through it counts against the address's intake budget, as
/// the form's does, and against the organizer's own, so a leaked link can neither flood the committee nor keep working.
/// </summary>
public sealed class OrganizerIntake(
    OrganizerGate gate,
    ClientLimits clientLimits,
    IOptions<OrganizerOptions> organizers,
    IOptions<IntakeOptions> limits,
    IOptions<CommitteeOptions> committee,
    ReportIntake intake,
    ReporterLinks reporterLinks,
    OnceOnlyMail mail,
    TimeProvider clock,
    ILogger<OrganizerIntake> log)
{
    public const string Route = "organizer/intake";

    public async Task<IResult> ShowAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var token = request.Query["token"].ToString();
        try
        {
            var (refusal, organizer) = await gate.CheckAsync(token, cancellationToken);
            return refusal ?? Page(organizer!, token, null);
        }
        catch (StorageUnavailableException)
        {
            return Problems.Unavailable();
        }
    }

    public async Task<IResult> SubmitAsync(HttpRequest request, ICaseWorkflow workflows, CancellationToken cancellationToken)
    {
        var (tooLarge, form) = await SmallForm.ReadAsync(request, cancellationToken);
        if (tooLarge is not null)
        {
            return tooLarge;
        }

        var token = form["token"].ToString();
        Organizer organizer;
        try
        {
            // The address first, as the form counts it: guessing at tokens spends the guesser's budget.
            if (await clientLimits.IntakeAsync(request, cancellationToken) is { } addressWait)
            {
                return TooMany(addressWait);
            }

            var (refusal, checkedOrganizer) = await gate.CheckAsync(token, cancellationToken);
            if (refusal is not null)
            {
                return refusal;
            }

            organizer = checkedOrganizer!;
            var errors = Validate(form);
            if (errors.Count > 0)
            {
                return Page(organizer, token, errors);
            }

            if (await clientLimits.OrganizerIntakeAsync(organizer.Id, cancellationToken) is { } organizerWait)
            {
                return TooMany(organizerWait);
            }
        }
        catch (StorageUnavailableException)
        {
            return Problems.Unavailable();
        }

        var anonymous = FormValues.Text(form, F.Identity) == "anonymous";
        var details = new ReportDetails
        {
            Description = FormValues.Text(form, F.Description)!,
            Language = T.Language,
            OccurredAt = FormValues.Text(form, F.OccurredAt),
            Location = FormValues.Text(form, F.Location),
            IsOngoing = FormValues.Text(form, F.Ongoing) switch { "yes" => Ongoing.Yes, "no" => Ongoing.No, _ => Ongoing.Unsure },
            FeelsUnsafe = FormValues.Text(form, F.SafetyConcern) == "true",
            ReportedPerson = FormValues.Text(form, F.Involved),
            OthersInvolved = FormValues.Text(form, F.Witnesses),
            Circumstances = Join((T["Organizer.Report.HelpOffered"], FormValues.Text(form, F.HelpOffered)), (T["Organizer.Report.ContactPreference"], anonymous ? null : FormValues.Text(form, F.ContactPreference))),
            Setting = IncidentSetting.Physical,
            EventName = string.IsNullOrEmpty(organizer.EventDates) ? organizer.Event : $"{organizer.Event} ({organizer.EventDates})",
            ContactName = anonymous ? null : FormValues.Text(form, F.ContactName),
            ContactEmail = anonymous ? null : FormValues.Text(form, F.ContactEmail),
        };
        var receiptCode = ReceiptCode.New();
        var report = new Report(ReportReference.New(), clock.GetUtcNow(), details, [], ReceiptCode.Hash(receiptCode))
        {
            Door = Door.Organizer,
            TakenBy = T.Format("Organizer.Report.TakenBy", organizer.Name, organizer.Event),
        };
        try
        {
            // A new reference each time: the report is stored, and a workflow that did not start is started by the sweep.
            await intake.AcceptAsync(report, receiptCode, workflows, cancellationToken);
        }
        catch (StorageUnavailableException)
        {
            return Problems.Unavailable();
        }

        if (details.IsUrgent)
        {
            await AlertOthersAsync(report, organizer);
        }

        return OrganizerReceiptPage.For(report.Reference, receiptCode, reporterLinks.StatusPage(report.Reference), emailed: !details.IsAnonymous, T);
    }

    /// <summary>The other organizers can help on site now; the reporter's receipt must not wait on their mail.</summary>
    async Task AlertOthersAsync(Report report, Organizer takenBy)
    {
        foreach (var other in organizers.Value.OthersAt(takenBy))
        {
            try
            {
                await mail.SendAsync(report.Reference, await OrganizerMail.UrgentAlertAsync(report, takenBy, other, T), CancellationToken.None);
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
            errors[F.Description] = T["Organizer.Error.Description"];
        }

        foreach (var field in form.Keys.Where(k => form[k].ToString().Length > limits.Value.MaxTextLength))
        {
            errors[field] = T.Format("Organizer.Error.TooLong", T.Number(limits.Value.MaxTextLength));
        }

        if (FormValues.Text(form, F.Identity) != "anonymous" && FormValues.Text(form, F.ContactEmail) is { } email && !MailAddress.TryCreate(email, out _))
        {
            errors[F.ContactEmail] = T["Organizer.Error.Email"];
        }

        return errors;
    }

    static string? Join(params (string Label, string? Value)[] parts) =>
        parts.Any(p => p.Value is not null) ? string.Join("\n", parts.Where(p => p.Value is not null).Select(p => $"{p.Label}: {p.Value}")) : null;

    // Organizers read the committee's language, the community's own; the report they take, and the reporter's receipt, are in it too.
    Texts T => committee.Value.TextsFor(null);

    HtmlPage Page(Organizer organizer, string token, IReadOnlyDictionary<string, string>? errors) =>
        F.For(organizer, T).Page(OrganizerLinks.Path, token, errors, errors is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest)
            .Link(T["Organizer.Form.ResponseCheck"], $"{ResponseCheck.Path}?token={Uri.EscapeDataString(token)}");

    /// <summary>Nothing was stored; the organizer is told how long to wait and where the reporter can go meanwhile.</summary>
    RetryAfter TooMany(TimeSpan wait) =>
        new(new HtmlPage(T["Organizer.TooMany.Title"], StatusCodes.Status429TooManyRequests, T.Language)
                .Heading(T["Organizer.TooMany.Heading"])
                .Paragraph(T.Format("Organizer.TooMany.Text", Math.Ceiling(wait.TotalMinutes) is var minutes and > 1 ? T.Format("Organizer.TooMany.Minutes", T.Number((long)minutes)) : T["Organizer.TooMany.Minute"])),
            wait);
}
