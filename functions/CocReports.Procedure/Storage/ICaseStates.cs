namespace CocReports.Procedure.Storage;

/// <summary>What the committee has done on each case (<see cref="CaseState"/>), changed only by the case's own rules.</summary>
public interface ICaseStates
{
    Task<CaseState> GetCaseStateAsync(string reference, CancellationToken cancellationToken);

    /// <summary>
    /// Applies one of <see cref="CaseState"/>'s rules to the case as stored now and stores the result; when another
    /// change lands in between, reads again and applies the rule again. Returns the new state, or null, changing
    /// nothing, when the rule refused (two members clicking at once: only one acknowledgment wins).
    /// </summary>
    Task<CaseState?> TryChangeCaseAsync(string reference, Func<CaseState, CaseState?> rule, CancellationToken cancellationToken);
}
