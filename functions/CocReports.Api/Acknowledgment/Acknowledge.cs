using CocReports.Api.Pages;
using CocReports.Procedure.Committee;
using CocReports.Procedure.Links;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Timeline;
using CocReports.Procedure.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace CocReports.Api.Acknowledgment;

/// <summary>
/// /api/reports/{reference}/acknowledge: a member acknowledges a report from the link in their email.
/// GET only shows a confirmation page (mail scanners open links); the POST from that page acts. The first
/// acknowledgment wins; anyone after is told it was already done.
/// </summary>
public sealed class Acknowledge(
    ActionLinks links,
    IReportStore reports,
    ITimeline timeline,
    IOptions<CommitteeOptions> committee,
    TimeProvider clock)
{
    public async Task<IResult> ShowAsync(HttpRequest request, string reference, CancellationToken cancellationToken)
    {
        var token = request.Query["token"].ToString();
        var (refusal, state) = await CheckAsync(token, reference, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (state!.AcknowledgedAt is not null)
        {
            return AlreadyDone(reference, state);
        }

        return new HtmlPage($"Acknowledge report {reference}")
            .Heading($"Acknowledge report {reference}")
            .Paragraph("Acknowledging tells the reporter that the committee received the report and will discuss it.")
            .Form(request.Path, "Acknowledge the report", new Dictionary<string, string> { ["token"] = token });
    }

    public async Task<IResult> ConfirmAsync(HttpRequest request, DurableTaskClient workflows, string reference, CancellationToken cancellationToken)
    {
        var token = request.HasFormContentType ? (await request.ReadFormAsync(cancellationToken))["token"].ToString() : "";
        var (refusal, _) = await CheckAsync(token, reference, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var memberId = links.Check(token, reference, CaseAction.Acknowledge).MemberId!;
        var now = clock.GetUtcNow();
        if (!await reports.TryAcknowledgeAsync(reference, memberId, now, cancellationToken))
        {
            return AlreadyDone(reference, await reports.GetCaseStateAsync(reference, cancellationToken));
        }

        await timeline.AppendAsync(reference, new TimelineEntry(now, "Acknowledged", memberId), cancellationToken);
        await workflows.RaiseEventAsync(
            Procedure.Reports.WorkflowInstance.For(reference), CaseEvent.Name, new CaseEvent(CaseEventKind.Acknowledged, memberId, now), cancellationToken);
        return new HtmlPage($"Report {reference} acknowledged")
            .Heading("Thank you. The report is acknowledged.")
            .Paragraph("The reporter will be told that the committee received the report and will discuss it.");
    }

    async Task<(IResult? Refusal, CaseState? State)> CheckAsync(string token, string reference, CancellationToken cancellationToken)
    {
        var check = links.Check(token, reference, CaseAction.Acknowledge);
        if (check.Status != LinkStatus.Valid)
        {
            return (LinkPages.Refused(check.Status), null);
        }

        var report = await reports.FindAsync(reference, cancellationToken);
        var state = await reports.GetCaseStateAsync(reference, cancellationToken);
        if (report is null || !Audience.For(committee.Value, report.Details.ExcludedMembers, state.RecusedMembers).Includes(check.MemberId!))
        {
            return (LinkPages.NoLongerYours(), null);
        }

        return (null, state);
    }

    HtmlPage AlreadyDone(string reference, CaseState state)
    {
        var by = state.AcknowledgedBy is { } id ? committee.Value.Find(id)?.Name ?? "another member" : "another member";
        return new HtmlPage($"Report {reference} already acknowledged")
            .Heading("This report was already acknowledged.")
            .Paragraph($"{by} acknowledged it first. Nothing was changed.");
    }
}
