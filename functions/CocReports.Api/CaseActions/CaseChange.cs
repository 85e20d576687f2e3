using CocReports.Procedure.Storage;
using CocReports.Procedure.Timeline;
using CocReports.Procedure.Workflow;

namespace CocReports.Api.CaseActions;

/// <summary>
/// What an action does to a case, for <see cref="CaseDesk"/> to carry out in its one order. Each part is optional: an
/// acknowledgment is a rule and an event; a note a message and a step; a closed page posted empty changes nothing and
/// is only audited.
/// </summary>
public sealed record CaseChange
{
    /// <summary>An action that changes nothing on the case; the desk still audits it.</summary>
    public static readonly CaseChange None = new();

    /// <summary>One of <see cref="CaseState"/>'s rules: the change is carried out only when it allows it.</summary>
    public Func<CaseState, CaseState?>? Rule { get; init; }

    /// <summary>What the action keeps outside the case's state (a sender's confirmation, identifiers): false when there was nothing to change.</summary>
    public Func<CancellationToken, Task<bool>>? Keep { get; init; }

    /// <summary>The message the action sent or wrote (a follow-up, a question, an answer, a note).</summary>
    public CaseMessage? Message { get; init; }

    /// <summary>The event the workflow is told of, so it mails whoever must hear; its step goes on the timeline.</summary>
    public CaseEventKind? Event { get; init; }

    /// <summary>For an extension: the response's new end, which the workflow's timer follows.</summary>
    public DateTimeOffset? ResponseEnds { get; init; }

    /// <summary>The timeline's step for a change no one is mailed about (no <see cref="Event"/>).</summary>
    public CaseStep? Step { get; init; }

    /// <summary>What the timeline says beside the step.</summary>
    public string? Note { get; init; }

    /// <summary>The step this change puts on the timeline, if any.</summary>
    public CaseStep? TimelineStep => Event is { } kind ? CaseStep.Of(kind) : Step;
}
