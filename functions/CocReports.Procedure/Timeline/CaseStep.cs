using System.Text.Json.Serialization;
using CocReports.Procedure.Workflow;

namespace CocReports.Procedure.Timeline;

/// <summary>
/// The timeline's vocabulary: every step a case can take, with the name it is stored under, whether the reporter sees
/// it on the status page, and the promise it keeps or misses (what the counters count). Steps are named here and
/// nowhere else. A name read from storage that this version doesn't know stays a step of its own, for members only.
/// </summary>
[JsonConverter(typeof(CaseStepJsonConverter))]
public sealed class CaseStep : IEquatable<CaseStep>
{
    // Before the steps: each one adds itself as it is initialised.
    static readonly Dictionary<string, CaseStep> ByName = new(StringComparer.Ordinal);

    public static readonly CaseStep Received = new("Received", shownToReporter: true);
    public static readonly CaseStep Acknowledged = new("Acknowledged", shownToReporter: true, keeps: PromiseKind.Acknowledge);
    public static readonly CaseStep FollowedUp = new("FollowedUp", shownToReporter: true, keeps: PromiseKind.FollowUp);
    public static readonly CaseStep StatusUpdated = new("StatusUpdated", shownToReporter: true, keeps: PromiseKind.StatusUpdate);
    public static readonly CaseStep QuestionAsked = new("QuestionAsked", shownToReporter: true);
    public static readonly CaseStep Answered = new("Answered", shownToReporter: true);
    public static readonly CaseStep Resolved = new("Resolved", shownToReporter: true);
    public static readonly CaseStep Recused = new("Recused");
    public static readonly CaseStep IdentifiersChanged = new("IdentifiersChanged");

    /// <summary>A member declared no conflict with the report before reading it.</summary>
    public static readonly CaseStep NoConflictDeclared = new("NoConflictDeclared");

    /// <summary>A member declared a soft conflict: they read and discuss the report, and do not decide it.</summary>
    public static readonly CaseStep SoftConflictDeclared = new("SoftConflictDeclared");

    /// <summary>The response decided at resolution ended (or came to its review date); the committee was asked about it.</summary>
    public static readonly CaseStep ResponseEnded = new("ResponseEnded");

    /// <summary>A member extended the response; the note says until when.</summary>
    public static readonly CaseStep ResponseExtended = new("ResponseExtended");

    /// <summary>A member marked the report urgent though the reporter had not.</summary>
    public static readonly CaseStep MarkedUrgent = new("MarkedUrgent");

    /// <summary>A member took an interim measure at once; the note says until when (what was done is case content).</summary>
    public static readonly CaseStep InterimMeasureRecorded = new("InterimMeasureRecorded");

    public static readonly CaseStep InterimMeasureConfirmed = new("InterimMeasureConfirmed");

    public static readonly CaseStep InterimMeasureLifted = new("InterimMeasureLifted");

    /// <summary>A member told the reported person; the note says nothing of what (it is case content).</summary>
    public static readonly CaseStep ReportedPersonTold = new("ReportedPersonTold");

    public static readonly CaseStep StatementGiven = new("StatementGiven");

    /// <summary>A member placed a legal hold; the note says on what ground (a category, never the case's content).</summary>
    public static readonly CaseStep LegalHoldPlaced = new("LegalHoldPlaced");

    public static readonly CaseStep LegalHoldLifted = new("LegalHoldLifted");

    public static readonly CaseStep PublicStatementDrafted = new("PublicStatementDrafted");

    /// <summary>A party answered whether the public statement may name them; the case page says what.</summary>
    public static readonly CaseStep ConsentAnswered = new("ConsentAnswered");

    public static readonly CaseStep PublicStatementPublished = new("PublicStatementPublished");

    /// <summary>A member wrote a note for the others.</summary>
    public static readonly CaseStep Noted = new("Noted");

    /// <summary>The unverified sender of an emailed report confirmed, through the link mailed to them, that they sent it.</summary>
    public static readonly CaseStep SenderConfirmed = new("SenderConfirmed");

    /// <summary>A reply arrived after the case's content was removed; its text was not kept.</summary>
    public static readonly CaseStep ReplyAfterClosing = new("ReplyAfterClosing");

    public static readonly CaseStep HandedToEscalation = new("HandedToEscalation");

    /// <summary>A member's pager did not take an urgent page; the note names whose. Their mail went regardless.</summary>
    public static readonly CaseStep PageFailed = new("PageFailed");

    /// <summary>A mail still failed after every retry; the note names the notice and the recipient's role.</summary>
    public static readonly CaseStep MailFailed = new("MailFailed");

    public static readonly CaseStep EvidencePurged = new("EvidencePurged");

    /// <summary>The purge was due, and a later report that may name the same person is still kept: the case is kept a period again.</summary>
    public static readonly CaseStep KeptForLaterReport = new("KeptForLaterReport");

    public static readonly CaseStep AcknowledgeReminder = new("AcknowledgeReminder");
    public static readonly CaseStep AcknowledgeOverdue = new("AcknowledgeOverdue", misses: PromiseKind.Acknowledge);
    public static readonly CaseStep FollowUpReminder = new("FollowUpReminder");
    public static readonly CaseStep FollowUpOverdue = new("FollowUpOverdue", misses: PromiseKind.FollowUp);
    public static readonly CaseStep StatusUpdateReminder = new("StatusUpdateReminder");
    public static readonly CaseStep StatusUpdateOverdue = new("StatusUpdateOverdue", misses: PromiseKind.StatusUpdate);

    public static readonly CaseStep MeasureReviewReminder = new("MeasureReviewReminder");
    public static readonly CaseStep MeasureReviewOverdue = new("MeasureReviewOverdue", misses: PromiseKind.ReviewMeasure);

    CaseStep(string name, bool shownToReporter = false, PromiseKind? keeps = null, PromiseKind? misses = null, bool known = true)
    {
        Name = name;
        ShownToReporter = shownToReporter;
        Keeps = keeps;
        Misses = misses;
        if (known)
        {
            ByName.Add(name, this);
        }
    }

    /// <summary>The name in storage, in durable histories and in the Status.Step.* texts.</summary>
    public string Name { get; }

    /// <summary>The step in the committee's words on the case page; a step this version does not know, by its name spelled out.</summary>
    public string Shown(Rendering.Texts t) => ByName.ContainsKey(Name) ? t[$"Step.{Name}"] : Rendering.Words.Split(Name, ' ');

    /// <summary>Whether the status page lists it: what the committee did for the reporter, never its inner working.</summary>
    public bool ShownToReporter { get; }

    /// <summary>The promise this step meets, if any.</summary>
    public PromiseKind? Keeps { get; }

    /// <summary>The promise that went overdue and was escalated, if this step says so.</summary>
    public PromiseKind? Misses { get; }

    public static IReadOnlyCollection<CaseStep> All => ByName.Values;

    /// <summary>The step a case event writes to the timeline.</summary>
    public static CaseStep Of(CaseEventKind kind) => kind switch
    {
        CaseEventKind.Acknowledged => Acknowledged,
        CaseEventKind.FollowedUp => FollowedUp,
        CaseEventKind.StatusUpdated => StatusUpdated,
        CaseEventKind.QuestionAsked => QuestionAsked,
        CaseEventKind.Answered => Answered,
        CaseEventKind.Recused => Recused,
        CaseEventKind.Resolved => Resolved,
        CaseEventKind.IdentifiersChanged => IdentifiersChanged,
        CaseEventKind.ConflictDeclared => SoftConflictDeclared,
        CaseEventKind.MarkedUrgent => MarkedUrgent,
        CaseEventKind.ResponseExtended => ResponseExtended,
        CaseEventKind.MeasureRecorded => InterimMeasureRecorded,
        CaseEventKind.MeasureConfirmed => InterimMeasureConfirmed,
        CaseEventKind.MeasureLifted => InterimMeasureLifted,
        CaseEventKind.ReportedPersonTold => ReportedPersonTold,
        CaseEventKind.StatementGiven => StatementGiven,
        CaseEventKind.LegalHoldPlaced => LegalHoldPlaced,
        CaseEventKind.LegalHoldLifted => LegalHoldLifted,
        CaseEventKind.PublicStatementDrafted => PublicStatementDrafted,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No timeline step for this event."),
    };

    /// <summary>A reminder before a promise is due, or the escalation when it went overdue.</summary>
    public static CaseStep Nudge(PromiseKind promise, bool overdue) => (promise, overdue) switch
    {
        (PromiseKind.Acknowledge, false) => AcknowledgeReminder,
        (PromiseKind.Acknowledge, true) => AcknowledgeOverdue,
        (PromiseKind.FollowUp, false) => FollowUpReminder,
        (PromiseKind.FollowUp, true) => FollowUpOverdue,
        (PromiseKind.ReviewMeasure, false) => MeasureReviewReminder,
        (PromiseKind.ReviewMeasure, true) => MeasureReviewOverdue,
        (_, false) => StatusUpdateReminder,
        _ => StatusUpdateOverdue,
    };

    /// <summary>The step stored under <paramref name="name"/>; an unknown name is a step of its own, shown to members only.</summary>
    public static CaseStep Named(string name) => ByName.TryGetValue(name, out var step) ? step : new(name, known: false);

    public bool Equals(CaseStep? other) => other is not null && string.Equals(Name, other.Name, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as CaseStep);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Name);

    public override string ToString() => Name;

    public static bool operator ==(CaseStep? left, CaseStep? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(CaseStep? left, CaseStep? right) => !(left == right);
}
