namespace CocReports.Procedure.Workflow;

/// <summary>
/// The emails a workflow has sent and not yet seen settle. Each send retries on its own schedule while the workflow
/// keeps its timers and listens to the committee: one recipient's failing mail never holds back another's, nor any
/// promise of the procedure.
/// </summary>
sealed class MailInFlight
{
    readonly List<(Task<bool> Send, string What)> sends = [];

    public bool IsEmpty => sends.Count == 0;

    public IEnumerable<Task> Tasks => sends.Select(s => (Task)s.Send);

    public void Add(Task<bool> send, string what) => sends.Add((send, what));

    /// <summary>Forgets the sends that have settled and names those that failed after every retry, in the order sent.</summary>
    public IReadOnlyList<string> TakeFailed()
    {
        // Reading Exception observes the failure; the workflow records it on the timeline.
        var failed = sends.Where(s => s.Send.Exception is not null).Select(s => s.What).ToList();
        sends.RemoveAll(s => s.Send.IsCompleted);
        return failed;
    }
}
