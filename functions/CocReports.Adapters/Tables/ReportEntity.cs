using System.Text.Json;
using Azure.Data.Tables;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Workflow;

namespace CocReports.Adapters.Tables;

/// <summary>
/// A report as one table row. Each text field is its own property: one property holds at most 64 KiB, and a
/// 20,000-character field already takes 40 KB in UTF-16.
/// </summary>
static class ReportEntity
{
    public const string RowKey = "report";

    /// <summary>
    /// The most one string property holds: 64 KiB of UTF-16. The service refuses more (400 PropertyValueTooLarge)
    /// without naming the property.
    /// https://learn.microsoft.com/rest/api/storageservices/understanding-the-table-service-data-model#property-types
    /// </summary>
    public const int MaxStringLength = 32 * 1024;

    public static TableEntity From(Report report)
    {
        var d = report.Details;
        return Checked(new TableEntity(report.Reference, RowKey)
        {
            ["ReceivedAt"] = report.ReceivedAt,
            ["ReceiptCodeHash"] = report.ReceiptCodeHash,
            ["ContentHash"] = report.ContentHash,
            ["Evidence"] = JsonSerializer.Serialize(report.Evidence),
            ["ContactName"] = d.ContactName,
            ["ContactEmail"] = d.ContactEmail,
            ["OccurredAt"] = d.OccurredAt,
            ["Location"] = d.Location,
            ["IsOngoing"] = d.IsOngoing.ToString(),
            ["Description"] = d.Description,
            ["Circumstances"] = d.Circumstances,
            ["OthersInvolved"] = d.OthersInvolved,
            ["ReportedPerson"] = d.ReportedPerson,
            ["Setting"] = d.Setting.ToString(),
            ["EventName"] = d.EventName,
            ["OnlineSpace"] = d.OnlineSpace,
            ["ConversationLink"] = d.ConversationLink,
            ["SafetyConcerns"] = d.SafetyConcerns,
            ["FeelsUnsafe"] = d.FeelsUnsafe,
            ["ExcludedMembers"] = JsonSerializer.Serialize(d.ExcludedMembers),
            ["Door"] = report.Door.ToString(),
            ["Subject"] = report.Subject,
            ["InboundMessageId"] = report.InboundMessageId,
            ["RefusedEvidence"] = JsonSerializer.Serialize(report.RefusedEvidence),
            ["MailReceipt"] = report.MailReceipt,
            ["TakenBy"] = report.TakenBy,
            ["Sender"] = report.Sender.ToString(),
            ["UnconfirmedSender"] = report.UnconfirmedSender,
            ["SealedAnonymousSender"] = report.SealedAnonymousSender,
            ["Language"] = d.Language,
            ["Schedule"] = report.Schedule is null ? null : JsonSerializer.Serialize(report.Schedule),
            ["Appeal"] = report.Appeal is null ? null : JsonSerializer.Serialize(report.Appeal),
        });
    }

    /// <summary>Intake bounds every field; a field that still doesn't fit is named here, before the service refuses the row.</summary>
    static TableEntity Checked(TableEntity row)
    {
        foreach (var (name, value) in row)
        {
            if (value is string text && text.Length > MaxStringLength)
            {
                throw new InvalidOperationException($"The report's {name} is {text.Length} characters long; a table property holds at most {MaxStringLength}.");
            }
        }

        return row;
    }

    public static Report To(TableEntity e) => new(
        e.PartitionKey,
        e.GetDateTimeOffset("ReceivedAt") ?? DateTimeOffset.MinValue,
        new ReportDetails
        {
            ContactName = e.GetString("ContactName"),
            ContactEmail = e.GetString("ContactEmail"),
            OccurredAt = e.GetString("OccurredAt"),
            Location = e.GetString("Location"),
            IsOngoing = Enum.Parse<Ongoing>(e.GetString("IsOngoing") ?? nameof(Ongoing.Unsure)),
            Description = e.GetString("Description") ?? "",
            Circumstances = e.GetString("Circumstances"),
            OthersInvolved = e.GetString("OthersInvolved"),
            ReportedPerson = e.GetString("ReportedPerson"),
            Setting = Enum.Parse<IncidentSetting>(e.GetString("Setting") ?? nameof(IncidentSetting.Unspecified)),
            EventName = e.GetString("EventName"),
            OnlineSpace = e.GetString("OnlineSpace"),
            ConversationLink = e.GetString("ConversationLink"),
            SafetyConcerns = e.GetString("SafetyConcerns"),
            FeelsUnsafe = e.GetBoolean("FeelsUnsafe") ?? false,
            ExcludedMembers = JsonSerializer.Deserialize<string[]>(e.GetString("ExcludedMembers") ?? "[]") ?? [],
            Language = e.GetString("Language"),
        },
        JsonSerializer.Deserialize<EvidenceFile[]>(e.GetString("Evidence") ?? "[]") ?? [],
        e.GetString("ReceiptCodeHash") ?? "")
    {
        ContentHash = e.GetString("ContentHash") ?? "",
        Door = Enum.Parse<Door>(e.GetString("Door") ?? nameof(Door.Form)),
        Subject = e.GetString("Subject"),
        InboundMessageId = e.GetString("InboundMessageId"),
        RefusedEvidence = JsonSerializer.Deserialize<RefusedEvidence[]>(e.GetString("RefusedEvidence") ?? "[]") ?? [],
        MailReceipt = e.GetBoolean("MailReceipt") ?? true,
        TakenBy = e.GetString("TakenBy"),
        Sender = Enum.Parse<MailSender>(e.GetString("Sender") ?? nameof(MailSender.NotChecked)),
        UnconfirmedSender = e.GetString("UnconfirmedSender"),
        SealedAnonymousSender = e.GetString("SealedAnonymousSender"),
        Schedule = e.GetString("Schedule") is { } schedule ? JsonSerializer.Deserialize<WorkflowOptions>(schedule) : null,
        Appeal = e.GetString("Appeal") is { } appeal ? JsonSerializer.Deserialize<Procedure.Resolution.Appeal>(appeal) : null,
    };
}
