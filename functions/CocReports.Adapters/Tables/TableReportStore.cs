using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using CocReports.Procedure.Mail;
using CocReports.Procedure.OpenCases;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;

namespace CocReports.Adapters.Tables;

/// <summary>
/// Reports and their cases in Table storage, one partition per report: the report row, the case row (what the
/// committee did), one row per message, one per used link. Beside them, one partition lists the open cases
/// (<see cref="OpenCaseEntity"/>), kept current here as the case is recorded. The rules for changing a case are
/// <see cref="CaseState"/>'s; this class only stores what they decide.
/// </summary>
public sealed class TableReportStore(TableClient reports) : IReportStore
{
    const string CaseRowKey = "case";

    public async Task<Report?> FindAsync(string reference, CancellationToken cancellationToken)
    {
        var row = await reports.GetEntityIfExistsAsync<TableEntity>(reference, ReportEntity.RowKey, cancellationToken: cancellationToken);
        return row.HasValue ? ReportEntity.To(row.Value!) : null;
    }

    public async Task<bool> TryAddAsync(Report report, CancellationToken cancellationToken)
    {
        try
        {
            await reports.AddEntityAsync(ReportEntity.From(report), cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async IAsyncEnumerable<Report> ReceivedSinceAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey eq {ReportEntity.RowKey} and ReceivedAt ge {since}");
        await foreach (var row in reports.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return ReportEntity.To(row);
        }
    }

    public async Task<Report?> TryConfirmSenderAsync(string reference, CancellationToken cancellationToken)
    {
        while (true)
        {
            var existing = await reports.GetEntityIfExistsAsync<TableEntity>(reference, ReportEntity.RowKey, cancellationToken: cancellationToken);
            if (!existing.HasValue || ReportEntity.To(existing.Value!).WithSenderConfirmed() is not { } confirmed)
            {
                return null;
            }

            try
            {
                await reports.UpdateEntityAsync(ReportEntity.From(confirmed), existing.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                return confirmed;
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                // Changed (confirmed, or retained) in between: read again and decide again.
            }
        }
    }

    public async Task<CaseState> GetCaseStateAsync(string reference, CancellationToken cancellationToken)
    {
        var row = await reports.GetEntityIfExistsAsync<TableEntity>(reference, CaseRowKey, cancellationToken: cancellationToken);
        return row.HasValue ? ToCaseState(row.Value!) : CaseState.New;
    }

    public async Task<CaseState?> TryChangeCaseAsync(string reference, Func<CaseState, CaseState?> rule, CancellationToken cancellationToken)
    {
        while (true)
        {
            var existing = await reports.GetEntityIfExistsAsync<TableEntity>(reference, CaseRowKey, cancellationToken: cancellationToken);
            var before = existing.HasValue ? ToCaseState(existing.Value!) : CaseState.New;
            if (rule(before) is not { } after)
            {
                return null;
            }

            // A recusal takes the member off the open-cases list first: a crash in between leaves them off a case they
            // can still open from their mail, never a recused member seeing it listed.
            var recusing = after.RecusedMembers.Except(before.RecusedMembers, StringComparer.Ordinal).ToList();
            if (recusing.Count > 0)
            {
                await UpdateOpenCaseAsync(reference, row => row["RecusedMembers"] = string.Join(',', Members(row, "RecusedMembers").Union(recusing, StringComparer.Ordinal)), cancellationToken);
            }

            var caseRow = existing.HasValue ? existing.Value! : new TableEntity(reference, CaseRowKey);
            Write(after, caseRow);
            try
            {
                if (existing.HasValue)
                {
                    await reports.UpdateEntityAsync(caseRow, caseRow.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                else
                {
                    await reports.AddEntityAsync(caseRow, cancellationToken);
                }
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Someone else changed the case in between: judge the rule again against what they left.
                continue;
            }

            await ProjectAsync(reference, before, after, cancellationToken);
            return after;
        }
    }

    /// <summary>Keeps the open-cases list in step with a case change that was stored.</summary>
    async Task ProjectAsync(string reference, CaseState before, CaseState after, CancellationToken cancellationToken)
    {
        if (before.ResolvedAt is null && after.ResolvedAt is not null)
        {
            // A case never listed (from before the list was kept) is fine: a missing entity's delete doesn't throw.
            await reports.DeleteEntityAsync(OpenCaseEntity.PartitionKey, reference, ETag.All, cancellationToken);
        }
        else if (before.AcknowledgedAt is null && after.AcknowledgedAt is { } at)
        {
            try
            {
                await reports.UpdateEntityAsync(new TableEntity(OpenCaseEntity.PartitionKey, reference) { ["AcknowledgedAt"] = at }, ETag.All, TableUpdateMode.Merge, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // Not listed: resolved meanwhile, or from before the list was kept.
            }
        }
    }

    public async Task RetainOnlyAsync(Report report, IReadOnlyList<CaseMessage> messages, CancellationToken cancellationToken)
    {
        await reports.UpsertEntityAsync(ReportEntity.From(report), TableUpdateMode.Replace, cancellationToken);
        var kept = messages.ToDictionary(m => m.Id, StringComparer.Ordinal);
        await foreach (var row in MessageRowsAsync(report.Reference, cancellationToken))
        {
            var message = JsonSerializer.Deserialize<CaseMessage>(row.GetString("Message")!)!;
            if (kept.TryGetValue(message.Id, out var replacement))
            {
                await reports.UpsertEntityAsync(MessageRow(report.Reference, row.RowKey, replacement), TableUpdateMode.Replace, cancellationToken);
            }
            else
            {
                await reports.DeleteEntityAsync(row, ETag.All, cancellationToken);
            }
        }
    }

    // Message-IDs hold characters a row key may not; their hash is as unique. A ledger row is a claim ("ClaimedAt")
    // until the mail is sent ("SentAt").
    public async Task<bool> IsMailSentAsync(string reference, string messageId, CancellationToken cancellationToken) =>
        (await reports.GetEntityIfExistsAsync<TableEntity>(reference, SentMailKey(messageId), cancellationToken: cancellationToken)) is { HasValue: true } row
        && row.Value!.GetDateTimeOffset("SentAt") is not null;

    public async Task<MailClaim> ClaimMailAsync(string reference, string messageId, DateTimeOffset at, DateTimeOffset staleBefore, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await reports.AddEntityAsync(new TableEntity(reference, SentMailKey(messageId)) { ["ClaimedAt"] = at }, cancellationToken);
                return MailClaim.Ours;
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                // Claimed or sent before: read which.
            }

            var existing = await reports.GetEntityIfExistsAsync<TableEntity>(reference, SentMailKey(messageId), cancellationToken: cancellationToken);
            if (!existing.HasValue)
            {
                continue; // released in between
            }

            var row = existing.Value!;
            if (row.GetDateTimeOffset("SentAt") is not null)
            {
                return MailClaim.SentBefore;
            }

            if (row.GetDateTimeOffset("ClaimedAt") >= staleBefore)
            {
                return MailClaim.ClaimedByAnotherRun;
            }

            row["ClaimedAt"] = at;
            try
            {
                await reports.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                return MailClaim.Ours;
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                // Taken over, sent or released in between: read again.
            }
        }
    }

    public async Task ReleaseMailAsync(string reference, string messageId, CancellationToken cancellationToken) =>
        await reports.DeleteEntityAsync(reference, SentMailKey(messageId), ETag.All, cancellationToken);

    public async Task RecordMailSentAsync(string reference, string messageId, DateTimeOffset at, CancellationToken cancellationToken) =>
        await reports.UpsertEntityAsync(new TableEntity(reference, SentMailKey(messageId)) { ["SentAt"] = at }, TableUpdateMode.Replace, cancellationToken);

    public async Task<IReadOnlySet<string>> SentMailAmongAsync(string reference, IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken)
    {
        var asked = messageIds.Distinct(StringComparer.Ordinal).ToDictionary(SentMailKey, id => id, StringComparer.Ordinal);
        var sent = new HashSet<string>(StringComparer.Ordinal);
        if (asked.Count == 0)
        {
            return sent;
        }

        // Every ledger row of the report in one query: its row keys share the "mail-" prefix.
        await foreach (var row in reports.QueryAsync<TableEntity>(
            e => e.PartitionKey == reference && e.RowKey.CompareTo("mail-") >= 0 && e.RowKey.CompareTo("mail.") < 0,
            select: ["RowKey", "SentAt"],
            cancellationToken: cancellationToken))
        {
            if (asked.TryGetValue(row.RowKey, out var messageId) && row.GetDateTimeOffset("SentAt") is not null)
            {
                sent.Add(messageId);
            }
        }

        return sent;
    }

    static string SentMailKey(string messageId) =>
        "mail-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(messageId)));

    public async Task<bool> TryUseLinkAsync(string reference, string linkId, CancellationToken cancellationToken)
    {
        try
        {
            await reports.AddEntityAsync(new TableEntity(reference, "link-" + linkId), cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task<bool> IsLinkUsedAsync(string reference, string linkId, CancellationToken cancellationToken) =>
        (await reports.GetEntityIfExistsAsync<TableEntity>(reference, "link-" + linkId, cancellationToken: cancellationToken)).HasValue;

    // Each text gets a property of its own: one string property holds 64 KiB of UTF-16 (32,768 characters), and a
    // resolution's three texts in one JSON property could exceed that where each alone does not.
    // https://learn.microsoft.com/en-us/rest/api/storageservices/understanding-the-table-service-data-model
    public async Task AddMessageAsync(string reference, CaseMessage message, CancellationToken cancellationToken)
    {
        await reports.AddEntityAsync(MessageRow(reference, "msg-" + ChronologicalKey.For(message.At, message.Id), message), cancellationToken);
        if (message.Kind is CaseMessageKind.FollowUp or CaseMessageKind.StatusUpdate)
        {
            // The next status update is due from the latest update: the date it named, or the policy's interval after it.
            await UpdateOpenCaseAsync(reference, row =>
            {
                row["LastUpdateAt"] = message.At;
                if (message.NextUpdateBy is { } next)
                {
                    row["NextUpdateBy"] = next;
                }
                else
                {
                    row.Remove("NextUpdateBy");
                }
            }, cancellationToken);
        }
    }

    static TableEntity MessageRow(string reference, string rowKey, CaseMessage message) =>
        new(reference, rowKey)
        {
            ["Message"] = JsonSerializer.Serialize(message with { Text = "", Actions = null, PublicSummary = null }),
            ["Text"] = message.Text,
            ["Actions"] = message.Actions,
            ["PublicSummary"] = message.PublicSummary,
        };

    public async Task<IReadOnlyList<CaseMessage>> GetMessagesAsync(string reference, CancellationToken cancellationToken)
    {
        var messages = new List<CaseMessage>();
        await foreach (var row in MessageRowsAsync(reference, cancellationToken))
        {
            messages.Add(JsonSerializer.Deserialize<CaseMessage>(row.GetString("Message")!)! with
            {
                Text = row.GetString("Text") ?? "",
                Actions = row.GetString("Actions"),
                PublicSummary = row.GetString("PublicSummary"),
            });
        }

        return messages;
    }

    AsyncPageable<TableEntity> MessageRowsAsync(string reference, CancellationToken cancellationToken) =>
        reports.QueryAsync<TableEntity>(
            e => e.PartitionKey == reference && e.RowKey.CompareTo("msg-") >= 0 && e.RowKey.CompareTo("msg.") < 0,
            cancellationToken: cancellationToken);

    public async Task ListOpenCaseAsync(Report report, CancellationToken cancellationToken) =>
        await reports.UpsertEntityAsync(OpenCaseEntity.From(OpenCaseSummary.Of(report)), TableUpdateMode.Merge, cancellationToken);

    public async Task<IReadOnlyList<OpenCaseSummary>> OpenCasesAsync(CancellationToken cancellationToken)
    {
        var open = new List<OpenCaseSummary>();
        await foreach (var row in reports.QueryAsync<TableEntity>(e => e.PartitionKey == OpenCaseEntity.PartitionKey, cancellationToken: cancellationToken))
        {
            open.Add(OpenCaseEntity.To(row));
        }

        return open;
    }

    /// <summary>
    /// Changes a listed open case, after the case row changed, under the same optimistic concurrency. A case that is
    /// not listed (resolved meanwhile, or from before the list was kept) stays unlisted.
    /// </summary>
    async Task UpdateOpenCaseAsync(string reference, Action<TableEntity> change, CancellationToken cancellationToken)
    {
        while (true)
        {
            var existing = await reports.GetEntityIfExistsAsync<TableEntity>(OpenCaseEntity.PartitionKey, reference, cancellationToken: cancellationToken);
            if (!existing.HasValue)
            {
                return;
            }

            var row = existing.Value!;
            change(row);
            try
            {
                await reports.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                return;
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                // Changed or resolved in between: read again.
            }
        }
    }

    static void Write(CaseState state, TableEntity row)
    {
        Set(row, "AcknowledgedAt", state.AcknowledgedAt);
        Set(row, "AcknowledgedBy", state.AcknowledgedBy);
        Set(row, "RecusedMembers", state.RecusedMembers.Count > 0 ? string.Join(',', state.RecusedMembers) : null);
        Set(row, "ResolvedAt", state.ResolvedAt);
        Set(row, "EvidencePurgedAt", state.EvidencePurgedAt);
    }

    // A property the state doesn't have is left off the row rather than stored empty.
    static void Set(TableEntity row, string name, object? value)
    {
        if (value is null)
        {
            row.Remove(name);
        }
        else
        {
            row[name] = value;
        }
    }

    static string[] Members(TableEntity row, string property) => (row.GetString(property) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);

    static CaseState ToCaseState(TableEntity e) => new(
        e.GetDateTimeOffset("AcknowledgedAt"),
        e.GetString("AcknowledgedBy"),
        Members(e, "RecusedMembers"),
        e.GetDateTimeOffset("ResolvedAt"),
        e.GetDateTimeOffset("EvidencePurgedAt"));
}
