using Azure.Data.Tables;
using CocReports.Procedure.Storage;

namespace CocReports.Adapters.Tables;

/// <summary>A case's messages as rows of its report's partition (<see cref="MessageEntity"/>).</summary>
public sealed class TableCaseMessages(TableClient reports, TableOpenCasesProjection openCases) : ICaseMessages
{
    public async Task AddMessageAsync(string reference, CaseMessage message, CancellationToken cancellationToken)
    {
        await reports.AddEntityAsync(MessageEntity.From(reference, message), cancellationToken);
        if (message.Kind is CaseMessageKind.FollowUp or CaseMessageKind.StatusUpdate)
        {
            await openCases.UpdatedAsync(reference, message, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<CaseMessage>> GetMessagesAsync(string reference, CancellationToken cancellationToken)
    {
        var messages = new List<CaseMessage>();
        await foreach (var row in MessageEntity.RowsAsync(reports, reference, cancellationToken))
        {
            messages.Add(MessageEntity.To(row));
        }

        return messages;
    }
}
