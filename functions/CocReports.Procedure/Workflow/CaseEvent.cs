namespace CocReports.Procedure.Workflow;

/// <summary>
/// Something a committee member or the reporter did, raised to the report's orchestration. One event name for every
/// kind, so the orchestrator keeps a single outstanding wait and no event can land on a stale one.
/// </summary>
/// <param name="MessageId">The stored <see cref="Storage.CaseMessage"/> the event is about, if any.</param>
/// <param name="NextUpdateBy">For follow-ups and status updates: the date promised for the next update.</param>
/// <param name="ResponseEnds">For a resolution or an extension: when the response ends or is reviewed.</param>
public sealed record CaseEvent(CaseEventKind Kind, string MemberId, DateTimeOffset At, string? MessageId = null, DateTimeOffset? NextUpdateBy = null, DateTimeOffset? ResponseEnds = null, string? Response = null)
{
    public const string Name = "CaseEvent";
}

public enum CaseEventKind
{
    Acknowledged,
    FollowedUp,
    StatusUpdated,
    QuestionAsked,
    Answered,
    Recused,
    Resolved,

    /// <summary>A member declared a soft conflict: if no one left may decide the report, it is handed over.</summary>
    ConflictDeclared,

    /// <summary>A member added or removed identifiers of the reported person: other reports may now match.</summary>
    IdentifiersChanged,

    /// <summary>A member extended the response decided at resolution (or set a new review date).</summary>
    ResponseExtended,

    /// <summary>A member marked the report urgent: every member is paged, and its promises shorten.</summary>
    MarkedUrgent,

    /// <summary>A member took an interim measure: every member hears of it now, and the committee's review is owed.</summary>
    MeasureRecorded,

    /// <summary>A second member confirmed the interim measure: it stands until its end.</summary>
    MeasureConfirmed,

    /// <summary>A member lifted the interim measure.</summary>
    MeasureLifted,

    /// <summary>A member told the reported person: their notice goes out, and the window for their statement opens.</summary>
    ReportedPersonTold,

    /// <summary>The reported person gave their statement: the committee is told.</summary>
    StatementGiven,

    /// <summary>A member placed a legal hold: the case is kept past its retention period, and the hold is reviewed.</summary>
    LegalHoldPlaced,

    /// <summary>A member lifted the legal hold: the case's retention runs again, warned of before the purge.</summary>
    LegalHoldLifted,

    /// <summary>A member drafted a public statement: the parties asked are mailed for their consent to be named.</summary>
    PublicStatementDrafted,
}
