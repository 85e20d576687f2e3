namespace CocReports.Procedure.Reports;

/// <summary>
/// Everything the procedure's "Report Data" section asks a reporter for. Only the description is required:
/// "If you don't remember all the details, we still encourage you to make a report."
/// </summary>
public sealed record ReportDetails
{
    public string? ContactName { get; init; }

    /// <summary>Absent for anonymous reports; the reporter then follows up with the reference and receipt code.</summary>
    public string? ContactEmail { get; init; }

    public string? OccurredAt { get; init; }

    public string? Location { get; init; }

    public Ongoing IsOngoing { get; init; } = Ongoing.Unsure;

    public required string Description { get; init; }

    public string? Circumstances { get; init; }

    public string? OthersInvolved { get; init; }

    /// <summary>Identifying details of the reported person (appearance, badge, username, handle…).</summary>
    public string? ReportedPerson { get; init; }

    public IncidentSetting Setting { get; init; } = IncidentSetting.Unspecified;

    /// <summary>Physical events: the event and the place in it.</summary>
    public string? EventName { get; init; }

    /// <summary>Online incidents: the community and the part of the online space.</summary>
    public string? OnlineSpace { get; init; }

    /// <summary>Online incidents: a link to the conversation.</summary>
    public string? ConversationLink { get; init; }

    /// <summary>The reporter's concerns about retaliation or personal safety.</summary>
    public string? SafetyConcerns { get; init; }

    public bool FeelsUnsafe { get; init; }

    /// <summary>Ids of committee members the reporter keeps this report from.</summary>
    public IReadOnlyList<string> ExcludedMembers { get; init; } = [];

    /// <summary>The language of the form the reporter used: their emails and pages are in it. Null reads as English.</summary>
    public string? Language { get; init; }

    public bool IsAnonymous => ContactEmail is null;

    /// <summary>An ongoing incident or a reporter who fears for their safety cannot wait for daily reminders.</summary>
    public bool IsUrgent => IsOngoing == Ongoing.Yes || FeelsUnsafe;
}
