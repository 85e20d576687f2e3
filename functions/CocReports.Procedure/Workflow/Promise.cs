namespace CocReports.Procedure.Workflow;

/// <summary>A time promise the committee made to the reporter: made at <see cref="Since"/>, due at <see cref="Due"/>.</summary>
public sealed record Promise(PromiseKind Kind, DateTimeOffset Since, DateTimeOffset Due, IReadOnlyList<TimeSpan> RemindAfter);

public enum PromiseKind
{
    Acknowledge,
}
