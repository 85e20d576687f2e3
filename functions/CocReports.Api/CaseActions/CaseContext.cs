using CocReports.Procedure.Rendering;
using CocReports.Procedure.Links;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Workflow;

namespace CocReports.Api.CaseActions;

/// <summary>What an action acts on, once the link and the member's access were checked.</summary>
/// <param name="Messages">What was sent on this case so far: follow-ups, updates, questions, answers.</param>
/// <param name="LinkId">The checked link's id, which a single-use link is spent under.</param>
/// <param name="Action">The action the link is for, which the audit trail names.</param>
public sealed record CaseContext(CaseAction Action, Report Report, CaseState State, IReadOnlyList<CaseMessage> Messages, string MemberId, string MemberName, string LinkId, DateTimeOffset Now, ICaseWorkflow Workflows)
{
    public string Reference => Report.Reference;

    /// <summary>The words of whoever acts: a member's language (<see cref="Procedure.Committee.CommitteeOptions.TextsFor"/>), or the report's for its reporter.</summary>
    public Texts T { get; init; } = Texts.For(Texts.Default);

    public static string NewMessageId() => Guid.NewGuid().ToString("N")[..12];
}
