namespace CocReports.Procedure.Workflow;

/// <summary>
/// The emails a workflow has sent and not yet seen settle: single sends and whole announcements. Each retries on its
/// own schedule while the workflow keeps its timers and listens to the committee: one recipient's failing mail never
/// holds back another's, nor any promise of the procedure.
/// </summary>
sealed class MailInFlight
{
    readonly List<(Task Send, string What, string About)> sends = [];

    public bool IsEmpty => sends.Count == 0;

    public IEnumerable<Task> Tasks => sends.Select(s => s.Send);

    /// <param name="about">The report the mail is about, whose timeline records it if it fails: a mail about another report (a pattern found) is not this report's to show.</param>
    public void Add(Task send, string what, string about) => sends.Add((send, what, about));

    /// <summary>Forgets the sends that have settled and hands them back, in the order sent.</summary>
    public IReadOnlyList<(Task Send, string What, string About)> TakeSettled()
    {
        var settled = sends.Where(s => s.Send.IsCompleted).ToList();
        sends.RemoveAll(s => s.Send.IsCompleted);
        return settled;
    }
}
