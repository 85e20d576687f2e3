using CocReports.Api.Access;
using CocReports.Api.Pages;
using CocReports.Procedure.Committee;
using CocReports.Procedure.Links;
using CocReports.Procedure.OpenCases;
using CocReports.Procedure.Rendering;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CocReports.Api.OpenCases;

/// <summary>
/// GET /api/open-cases from the "Open cases" link in every committee email and the digest (a member link, short-lived,
/// not single-use): the open cases this member may see, overdue first, each reference a View link to its case page.
/// Cases the member is excluded or recused from are not shown, and nothing on the page counts them.
/// </summary>
public sealed class OpenCasesPage(
    ActionLinks links,
    MemberLinkGate gate,
    IReportStore reports,
    IAuditTrail audit,
    IOptions<CommitteeOptions> committee,
    IOptions<WorkflowOptions> workflow,
    TimeProvider clock,
    ILogger<OpenCasesPage> log)
{
    /// <summary>The audit trail's chain for views of the list, beside each report's own: it names no report.</summary>
    public const string AuditChain = ActionLinks.OpenCasesScope;

    public async Task<IResult> ShowAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (refusal, memberId) = await gate.CheckMemberAsync(request.Query["token"].ToString(), ActionLinks.OpenCasesScope, CaseAction.OpenCases, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var open = await reports.OpenCasesAsync(cancellationToken);

        var now = clock.GetUtcNow();
        var lines = new OpenCaseList(committee.Value, workflow.Value).For(memberId, open, now);

        // Written before the list is sent: no view goes unrecorded.
        await audit.AppendAsync(AuditChain, new AuditEntry(now, memberId, AuditChain, Allowed: true), cancellationToken);
        log.LogInformation("Member {MemberId} opened their open cases", memberId);

        return new HtmlPage("Open cases")
            .Heading("Your open cases")
            .Paragraph("The open cases you handle, overdue first, then by the date the next promise is due. Each reference opens its case page.")
            .Table(
                ["Reference", "Received", "Urgency", "Came in by", "Next promise", "Due"],
                lines.Select(l => (IReadOnlyList<TableCell>)
                [
                    new(l.Reference, links.Create(l.Reference, memberId, CaseAction.View).AbsoluteUri),
                    new(Texts.Time(l.ReceivedAt)),
                    new(l.Urgency),
                    new(l.DoorName),
                    new(l.NextPromise),
                    new(l.DueText),
                ]),
                "You have no open cases.");
    }
}
