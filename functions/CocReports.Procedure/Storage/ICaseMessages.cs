namespace CocReports.Procedure.Storage;

/// <summary>What was written on a case: follow-ups, status updates, questions, answers, notes and the resolution.</summary>
public interface ICaseMessages
{
    Task AddMessageAsync(string reference, CaseMessage message, CancellationToken cancellationToken);

    Task<IReadOnlyList<CaseMessage>> GetMessagesAsync(string reference, CancellationToken cancellationToken);
}
