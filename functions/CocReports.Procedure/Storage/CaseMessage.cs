namespace CocReports.Procedure.Storage;

/// <summary>
/// Something the committee sent the reporter (a follow-up, a status update, a question, the resolution) or the
/// reporter sent back (an answer). Stored with the case; the workflow mails it, the status page shows it. A
/// <see cref="CaseMessageKind.Note"/> is the exception: members write it for one another, and the reporter never sees it.
/// </summary>
public sealed record CaseMessage
{
    public required string Id { get; init; }

    public required CaseMessageKind Kind { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>The member who wrote it; <see cref="Links.ActionLinks.Reporter"/> for answers.</summary>
    public required string From { get; init; }

    public string Text { get; init; } = "";

    /// <summary>Follow-up: whether the committee has discussed the report.</summary>
    public bool? Discussed { get; init; }

    /// <summary>Follow-up and resolution: whether it was found to be a violation of the Code of Conduct.</summary>
    public Finding? Violation { get; init; }

    /// <summary>Follow-up and resolution: what actions, if any, were taken.</summary>
    public string? Actions { get; init; }

    /// <summary>Follow-up and status update: when the next update or the resolution will come.</summary>
    public DateTimeOffset? NextUpdateBy { get; init; }

    /// <summary>Answer: the question it answers.</summary>
    public string? InReplyTo { get; init; }

    /// <summary>Resolution: the generalized description for the transparency report; null when it cannot be anonymized.</summary>
    public string? PublicSummary { get; init; }

    /// <summary>Resolution: the response recorded, from <see cref="Resolution.ResponseOptions.Ladder"/>; null when none was named.</summary>
    public string? Response { get; init; }

    /// <summary>Resolution: when the response ends (a temporary ban), or is reviewed (a permanent ban).</summary>
    public DateTimeOffset? ResponseEnds { get; init; }

    /// <summary>Resolution: where the response applies (spaces, events, roles), and the conditions for return.</summary>
    public string? Scope { get; init; }

    public string? Conditions { get; init; }

    /// <summary>The committee's notice to the reported person: the address it went to.</summary>
    public string? To { get; init; }

    /// <summary>The committee's notice to the reported person: why the member told them now, for the committee alone.</summary>
    public string? Reason { get; init; }

    /// <summary>A draft public statement: the parties asked whether they may be named (<see cref="Links.ActionLinks.Reporter"/>, <see cref="Links.ActionLinks.ReportedPerson"/>).</summary>
    public IReadOnlyList<string> Asked { get; init; } = [];

    /// <summary>An appeal, and its outcome, on the appealed case: the appeal's own case.</summary>
    public string? Case { get; init; }

    /// <summary>Interim measure: when it ends (the end of the day the member named).</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Whether the reporter reads it on the status page: what the committee sent them, never the committee's own working.</summary>
    public bool ShownToReporter => Kind is CaseMessageKind.FollowUp or CaseMessageKind.StatusUpdate or CaseMessageKind.Question or CaseMessageKind.Resolution;

    /// <summary>Resolution: the category the transparency report counts it under (see <see cref="Transparency.TransparencyOptions.IncidentTypes"/>).</summary>
    public string? IncidentType { get; init; }
}

public enum CaseMessageKind
{
    FollowUp,
    StatusUpdate,
    Question,
    Answer,
    Resolution,

    /// <summary>An internal note of the committee's: shown only on the case page, never mailed, removed at retention.</summary>
    Note,

    /// <summary>What a member did at once as an interim measure: shown on the case page only, removed at retention.</summary>
    InterimMeasure,

    /// <summary>What the committee wrote to the reported person, and to which address: the case page only, removed at retention.</summary>
    ReportedNotice,

    /// <summary>The reported person's statement, a separate party's content kept and removed as the report is; never the reporter's to see.</summary>
    Statement,

    /// <summary>On the appealed case: who appealed, on which ground, and the appeal's case. The case page only.</summary>
    Appeal,

    /// <summary>On the appealed case: the panel's finding on the appeal, once it resolved the appeal's case. The case page only.</summary>
    AppealDecided,

    /// <summary>
    /// The committee's draft public statement: <see cref="CaseMessage.Text"/> as it would name people,
    /// <see cref="CaseMessage.PublicSummary"/> naming no one, and who was asked for consent (<see cref="CaseMessage.Asked"/>).
    /// </summary>
    PublicStatementDraft,

    /// <summary>A party's answer to being named in the draft public statement it replies to: "yes" or "no".</summary>
    Consent,

    /// <summary>The public statement as published: the named version only with everyone's consent. Kept after retention.</summary>
    PublicStatement,
}

/// <summary>The procedure's three answers to "was it a violation?".</summary>
public enum Finding
{
    NotYetDecided,
    Yes,
    No,
}
