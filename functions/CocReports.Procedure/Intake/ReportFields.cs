namespace CocReports.Procedure.Intake;

/// <summary>The form's field names: the contract between the form, the API and the problem details it returns.</summary>
public static class ReportFields
{
    public const string ContactChoice = "contactChoice";
    public const string ContactName = "contactName";
    public const string ContactEmail = "contactEmail";
    public const string OccurredAt = "occurredAt";
    public const string Location = "location";
    public const string IsOngoing = "isOngoing";
    public const string Description = "description";
    public const string Circumstances = "circumstances";
    public const string OthersInvolved = "othersInvolved";
    public const string ReportedPerson = "reportedPerson";
    public const string Setting = "setting";
    public const string EventName = "eventName";
    public const string OnlineSpace = "onlineSpace";
    public const string ConversationLink = "conversationLink";
    public const string SafetyConcerns = "safetyConcerns";
    public const string FeelsUnsafe = "feelsUnsafe";
    public const string ExcludedMembers = "excludedMembers";
    public const string Evidence = "evidence";

    /// <summary>The form's language (its <c>lang</c>), in which the reporter is written to and shown their pages.</summary>
    public const string Language = "lang";

    /// <summary>Free-text fields, each held to <see cref="IntakeOptions.MaxTextLength"/>.</summary>
    public static readonly string[] Text =
    [
        ContactName, ContactEmail, OccurredAt, Location, Description, Circumstances, OthersInvolved,
        ReportedPerson, EventName, OnlineSpace, ConversationLink, SafetyConcerns,
    ];
}
