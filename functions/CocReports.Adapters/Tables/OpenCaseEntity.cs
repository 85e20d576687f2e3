using System.Text.Json;
using Azure.Data.Tables;
using CocReports.Procedure.OpenCases;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Workflow;

namespace CocReports.Adapters.Tables;

/// <summary>
/// The open cases as rows of one partition of the reports table, one per case: listing them all is one query instead
/// of a scan of every report's rows, 2,000 cases in two pages (a query returns at most 1,000 entities at a time,
/// https://learn.microsoft.com/rest/api/storageservices/query-timeout-and-pagination). One partition takes up to 2,000
/// entities a second (https://learn.microsoft.com/azure/storage/tables/scalability-targets), far beyond a committee's
/// pace. The partition key is no well-formed reference, so it can't meet a report's partition.
/// </summary>
static class OpenCaseEntity
{
    public const string PartitionKey = "open-cases";

    /// <summary>What the report says from the start; merged, so a repeated announcement keeps what the committee did since.</summary>
    public static TableEntity From(OpenCaseSummary c) => new(PartitionKey, c.Reference)
    {
        ["ReceivedAt"] = c.ReceivedAt,
        ["Urgent"] = c.Urgent,
        ["Door"] = c.Door.ToString(),
        ["ExcludedMembers"] = string.Join(',', c.ExcludedMembers),
        ["Schedule"] = c.Schedule is null ? null : JsonSerializer.Serialize(c.Schedule),
        ["AnnouncedTo"] = c.AnnouncedTo is null ? null : string.Join(',', c.AnnouncedTo),
        ["AppealOf"] = c.AppealOf,
    };

    // A member's marking is a column of its own, so an announcement repeated after it can't set it back.
    public static OpenCaseSummary To(TableEntity e) => new(
        e.RowKey,
        e.GetDateTimeOffset("ReceivedAt") ?? DateTimeOffset.MinValue,
        (e.GetBoolean("Urgent") ?? false) || e.GetDateTimeOffset("MarkedUrgentAt") is not null,
        Enum.TryParse<Door>(e.GetString("Door"), out var door) ? door : Door.Form,
        Members(e.GetString("ExcludedMembers")),
        Members(e.GetString("RecusedMembers")),
        e.GetDateTimeOffset("AcknowledgedAt"),
        e.GetDateTimeOffset("LastUpdateAt"),
        e.GetDateTimeOffset("NextUpdateBy"),
        e.GetString("Schedule") is { } schedule ? JsonSerializer.Deserialize<WorkflowOptions>(schedule) : null,
        e.GetDateTimeOffset("MarkedUrgentAt"))
    {
        AnnouncedTo = e.GetString("AnnouncedTo") is { } told ? Members(told) : null,
        DeclaredMembers = Members(e.GetString("DeclaredMembers")),
        AppealOf = e.GetString("AppealOf"),
    };

    static string[] Members(string? list) => (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
}
