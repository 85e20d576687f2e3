using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using CocReports.Procedure.Measures;
using CocReports.Procedure.Storage;

namespace CocReports.Adapters.Tables;

/// <summary>
/// Each case's state as the "case" row of its report's partition. The rules for changing a case are
/// <see cref="CaseState"/>'s; this class only stores what they decide, and has the open-cases list follow
/// (<see cref="TableOpenCasesProjection"/>).
/// </summary>
public sealed class TableCaseStates(TableClient reports, TableOpenCasesProjection openCases) : ICaseStates
{
    const string CaseRowKey = "case";

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
                await openCases.RecuseAsync(reference, recusing, cancellationToken);
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

            await openCases.FollowAsync(reference, before, after, cancellationToken);
            return after;
        }
    }

    static void Write(CaseState state, TableEntity row)
    {
        Set(row, "AcknowledgedAt", state.AcknowledgedAt);
        Set(row, "AcknowledgedBy", state.AcknowledgedBy);
        Set(row, "RecusedMembers", state.RecusedMembers.Count > 0 ? string.Join(',', state.RecusedMembers) : null);
        Set(row, "DeclaredMembers", state.DeclaredMembers.Count > 0 ? string.Join(',', state.DeclaredMembers) : null);
        Set(row, "SoftConflicts", state.SoftConflicts.Count > 0 ? string.Join(',', state.SoftConflicts) : null);
        Set(row, "MarkedUrgentAt", state.MarkedUrgentAt);
        Set(row, "MarkedUrgentBy", state.MarkedUrgentBy);
        Set(row, "Measures", state.Measures.Count > 0 ? JsonSerializer.Serialize(state.Measures) : null);
        Set(row, "ResolvedAt", state.ResolvedAt);
        Set(row, "ResponseEndsAt", state.ResponseEndsAt);
        Set(row, "EvidencePurgedAt", state.EvidencePurgedAt);
        Set(row, "LegalHoldSince", state.LegalHoldSince);
        Set(row, "LegalHoldBy", state.LegalHoldBy);
        Set(row, "ReportedToldAt", state.ReportedToldAt);
        Set(row, "StatementAt", state.StatementAt);
        Set(row, "PublicStatementAt", state.PublicStatementAt);
        Set(row, "Appeals", state.Appeals.Count > 0 ? JsonSerializer.Serialize(state.Appeals) : null);
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

    static CaseState ToCaseState(TableEntity e) => new(
        e.GetDateTimeOffset("AcknowledgedAt"),
        e.GetString("AcknowledgedBy"),
        Members(e, "RecusedMembers"),
        e.GetDateTimeOffset("ResolvedAt"),
        e.GetDateTimeOffset("EvidencePurgedAt"))
    {
        DeclaredMembers = Members(e, "DeclaredMembers"),
        SoftConflicts = Members(e, "SoftConflicts"),
        MarkedUrgentAt = e.GetDateTimeOffset("MarkedUrgentAt"),
        ResponseEndsAt = e.GetDateTimeOffset("ResponseEndsAt"),
        MarkedUrgentBy = e.GetString("MarkedUrgentBy"),
        LegalHoldSince = e.GetDateTimeOffset("LegalHoldSince"),
        LegalHoldBy = e.GetString("LegalHoldBy"),
        ReportedToldAt = e.GetDateTimeOffset("ReportedToldAt"),
        StatementAt = e.GetDateTimeOffset("StatementAt"),
        PublicStatementAt = e.GetDateTimeOffset("PublicStatementAt"),
        Measures = e.GetString("Measures") is { } measures ? JsonSerializer.Deserialize<InterimMeasure[]>(measures) ?? [] : [],
        Appeals = e.GetString("Appeals") is { } appeals ? JsonSerializer.Deserialize<FiledAppeal[]>(appeals) ?? [] : [],
    };

    static string[] Members(TableEntity e, string name) => (e.GetString(name) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
}
