namespace CocReports.Procedure.Workflow;

/// <summary>
/// Case events stored on the case but not yet told to its workflow. An action marks its event before raising it and
/// clears the mark once the engine took it; a mark still there later (the engine was unreachable, or the host stopped
/// in between) is told again by the sweep, so an acknowledgment or a resolution is never lost on its way.
/// </summary>
public interface IUntoldCaseEvents
{
    Task MarkAsync(string reference, CaseEvent happened, CancellationToken cancellationToken);

    /// <summary>Clears the mark; clearing one that isn't there does nothing.</summary>
    Task ToldAsync(string reference, CaseEvent happened, CancellationToken cancellationToken);

    /// <summary>Events marked before <paramref name="before"/> and still untold, oldest first.</summary>
    IAsyncEnumerable<UntoldCaseEvent> MarkedBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken);
}

/// <summary>An event of a report that its workflow has not been told yet.</summary>
public sealed record UntoldCaseEvent(string Reference, CaseEvent Event);
