using CocReports.Procedure.Committee;
using CocReports.Procedure.Measures;

namespace CocReports.Procedure.Storage;

/// <summary>
/// What the committee has done on a case so far, and the rules for what it may do next: each rule returns the state
/// after the change, or null when the case doesn't allow it (nothing is then changed). The store applies a rule under
/// optimistic concurrency, so of two members acting at once the second is judged against the first one's state.
/// </summary>
public sealed record CaseState(
    DateTimeOffset? AcknowledgedAt,
    string? AcknowledgedBy,
    IReadOnlyList<string> RecusedMembers,
    DateTimeOffset? ResolvedAt = null,
    DateTimeOffset? EvidencePurgedAt = null)
{
    public static readonly CaseState New = new(null, null, []);

    /// <summary>The members who declared their conflicts on this report, whatever they declared.</summary>
    public IReadOnlyList<string> DeclaredMembers { get; init; } = [];

    /// <summary>The members who declared a soft conflict: they read and discuss the report, and do not decide it.</summary>
    public IReadOnlyList<string> SoftConflicts { get; init; } = [];

    /// <summary>When a member marked the report urgent (someone may be in danger) though the reporter had not; null if none did.</summary>
    public DateTimeOffset? MarkedUrgentAt { get; init; }

    public string? MarkedUrgentBy { get; init; }

    /// <summary>The interim measures members took on the case, oldest first.</summary>
    public IReadOnlyList<InterimMeasure> Measures { get; init; } = [];

    /// <summary>The interim measure the committee has yet to confirm or lift; one at a time.</summary>
    public InterimMeasure? MeasureAwaitingReview => Measures.FirstOrDefault(m => m.Review is null);

    /// <summary>
    /// Whether a reporter's reply is stored: until the purge, as the committee may still read it after resolution (the
    /// purge then removes it with the rest); after the purge, nothing would ever remove its text.
    /// </summary>
    public bool KeepsReplies => EvidencePurgedAt is null;

    /// <summary>"We strive to acknowledge your report within 48 hours." The first acknowledgment wins.</summary>
    public CaseState? Acknowledge(string memberId, DateTimeOffset at) =>
        AcknowledgedAt is null ? this with { AcknowledgedAt = at, AcknowledgedBy = memberId } : null;

    /// <summary>A member with a conflict of interest steps aside, once.</summary>
    public CaseState? Recuse(string memberId) =>
        RecusedMembers.Contains(memberId, StringComparer.Ordinal) ? null : this with { RecusedMembers = [.. RecusedMembers, memberId] };

    /// <summary>
    /// A member declares their conflicts once, before they read the report: a hard conflict is a recusal, a soft one
    /// keeps them from deciding it.
    /// </summary>
    public CaseState? Declare(string memberId, ConflictKind conflict)
    {
        if (HasDeclared(memberId) || RecusedMembers.Contains(memberId, StringComparer.Ordinal))
        {
            return null;
        }

        var declared = this with { DeclaredMembers = [.. DeclaredMembers, memberId] };
        return conflict switch
        {
            ConflictKind.Soft => declared with { SoftConflicts = [.. SoftConflicts, memberId] },
            ConflictKind.Hard => declared.Recuse(memberId),
            _ => declared,
        };
    }

    public bool HasDeclared(string memberId) => DeclaredMembers.Contains(memberId, StringComparer.Ordinal);

    /// <summary>
    /// Whether the member may decide the report: not when they declared a soft conflict, unless everyone who may see
    /// the report did too; it is then with the escalation contacts, and a member records what they decided.
    /// </summary>
    public bool MayDecide(string memberId, Audience audience) =>
        !SoftConflicts.Contains(memberId, StringComparer.Ordinal) || audience.MemberIds.All(id => SoftConflicts.Contains(id, StringComparer.Ordinal));

    /// <summary>When the response decided at resolution ends or is reviewed; null when it has no end.</summary>
    public DateTimeOffset? ResponseEndsAt { get; init; }

    /// <summary>A report is resolved once, and only by a member who may decide it; otherwise nothing changes.</summary>
    public CaseState? Resolve(string memberId, DateTimeOffset at, Audience audience, DateTimeOffset? responseEnds = null) =>
        ResolvedAt is null && MayDecide(memberId, audience) ? this with { ResolvedAt = at, ResponseEndsAt = responseEnds } : null;

    /// <summary>
    /// A member who may decide extends the response of a resolved report (its conditions were not met), to a later
    /// date, until the case's content is removed.
    /// </summary>
    public CaseState? ExtendResponse(string memberId, DateTimeOffset until, DateTimeOffset at, Audience audience) =>
        ResolvedAt is not null && EvidencePurgedAt is null && until > at && until > (ResponseEndsAt ?? at) && MayDecide(memberId, audience)
            ? this with { ResponseEndsAt = until }
            : null;

    /// <summary>
    /// A member who reads that someone may be in danger, though the reporter did not say so, marks the report urgent,
    /// once, before it is resolved: the committee is paged and its promises shorten as an urgent report's do.
    /// </summary>
    public CaseState? MarkUrgent(string memberId, DateTimeOffset at, bool reportedUrgent) =>
        !reportedUrgent && MarkedUrgentAt is null && ResolvedAt is null ? this with { MarkedUrgentAt = at, MarkedUrgentBy = memberId } : null;

    /// <summary>Whether the report is urgent: as the reporter (or organizer) said, or as a member marked it later.</summary>
    public bool IsUrgent(Reports.Report report) => report.Details.IsUrgent || MarkedUrgentAt is not null;

    /// <summary>
    /// When someone may be in danger, any one member who may decide the report takes an interim measure without waiting
    /// for the others, until a date to come, before the report is resolved; the committee then confirms or lifts it
    /// before another is taken, so no measure goes unreviewed.
    /// </summary>
    public CaseState? RecordMeasure(string memberId, string id, DateTimeOffset at, DateTimeOffset until, Audience audience) =>
        ResolvedAt is null && until > at && MeasureAwaitingReview is null && MayDecide(memberId, audience)
            ? this with { Measures = [.. Measures, new InterimMeasure(id, memberId, at, until)] }
            : null;

    /// <summary>
    /// Whether the member may give <paramref name="review"/> to the measure awaiting it: any member who may decide lifts
    /// it; confirming is a second member's review, unless no one else may decide the report.
    /// </summary>
    public bool MayReview(string memberId, MeasureReview review, Audience audience) =>
        MeasureAwaitingReview is { } pending
        && EvidencePurgedAt is null
        && MayDecide(memberId, audience)
        && (review == MeasureReview.Lifted
            || !string.Equals(pending.RecordedBy, memberId, StringComparison.Ordinal)
            || !audience.MemberIds.Any(id => !string.Equals(id, memberId, StringComparison.Ordinal) && MayDecide(id, audience)));

    /// <summary>The committee confirms or lifts the measure awaiting its review, once.</summary>
    public CaseState? ReviewMeasure(string memberId, MeasureReview review, DateTimeOffset at, Audience audience) =>
        MayReview(memberId, review, audience)
            ? this with { Measures = [.. Measures.Select(m => m.Review is null ? m with { Review = review, ReviewedBy = memberId, ReviewedAt = at } : m)] }
            : null;

    /// <summary>When the committee told the reported person (once), and when they gave their statement.</summary>
    public DateTimeOffset? ReportedToldAt { get; init; }

    public DateTimeOffset? StatementAt { get; init; }

    /// <summary>
    /// A member who may decide tells the reported person, once: "not until the committee decides", to protect the
    /// reporter, so it is a decision, never a step of the workflow's own.
    /// </summary>
    public CaseState? TellReported(string memberId, DateTimeOffset at, Audience audience) =>
        ReportedToldAt is null && EvidencePurgedAt is null && MayDecide(memberId, audience) ? this with { ReportedToldAt = at } : null;

    /// <summary>The reported person answers once, after they were told and within the window they were given, while the case still exists.</summary>
    public CaseState? RecordStatement(DateTimeOffset at, TimeSpan window) =>
        ReportedToldAt is { } told && at <= told + window && StatementAt is null && EvidencePurgedAt is null ? this with { StatementAt = at } : null;

    /// <summary>The appeals of this case's resolution, one at most by each party.</summary>
    public IReadOnlyList<FiledAppeal> Appeals { get; init; } = [];

    /// <summary>
    /// Whether <paramref name="by"/> may still appeal the resolution: within <paramref name="window"/> of it, once, while
    /// the case exists; the reported person only once the committee told them.
    /// </summary>
    public bool MayAppeal(Resolution.AppealParty by, DateTimeOffset at, TimeSpan window) =>
        ResolvedAt is { } resolved && at <= resolved + window && EvidencePurgedAt is null
        && Appeals.All(a => a.By != by)
        && (by == Resolution.AppealParty.Reporter || ReportedToldAt is not null);

    /// <summary>A party appeals the resolution; the appeal is heard as a case of its own, <paramref name="appealReference"/>.</summary>
    public CaseState? FileAppeal(Resolution.AppealParty by, string appealReference, DateTimeOffset at, TimeSpan window) =>
        MayAppeal(by, at, window) ? this with { Appeals = [.. Appeals, new FiledAppeal(by, appealReference, at)] } : null;

    /// <summary>When the committee published the case's public statement, once.</summary>
    public DateTimeOffset? PublicStatementAt { get; init; }

    /// <summary>"In certain cases, a public statement may need to be made": drafted by a member who may decide, once resolved, until published.</summary>
    public CaseState? DraftPublicStatement(string memberId, Audience audience) =>
        ResolvedAt is not null && EvidencePurgedAt is null && PublicStatementAt is null && MayDecide(memberId, audience) ? this : null;

    /// <summary>The statement is published once; which version is the action's to check against the consents.</summary>
    public CaseState? PublishStatement(string memberId, DateTimeOffset at, Audience audience) =>
        DraftPublicStatement(memberId, audience) is not null ? this with { PublicStatementAt = at } : null;

    /// <summary>Since when a legal hold keeps the case from its purge, and who placed it; null when none is in place.</summary>
    public DateTimeOffset? LegalHoldSince { get; init; }

    public string? LegalHoldBy { get; init; }

    /// <summary>
    /// A member who may decide keeps the case past its retention period, for a legal claim or an authority's request:
    /// "longer, as long as this is necessary and proportionate" (HinSchG § 11(5)). Only while it still exists.
    /// </summary>
    public CaseState? PlaceLegalHold(string memberId, DateTimeOffset at, Audience audience) =>
        LegalHoldSince is null && EvidencePurgedAt is null && MayDecide(memberId, audience) ? this with { LegalHoldSince = at, LegalHoldBy = memberId } : null;

    /// <summary>A member who may decide lifts the legal hold: the case's retention runs again.</summary>
    public CaseState? LiftLegalHold(string memberId, Audience audience) =>
        LegalHoldSince is not null && MayDecide(memberId, audience) ? this with { LegalHoldSince = null, LegalHoldBy = null } : null;

    /// <summary>The end of the retention period: the evidence and the report's content are gone.</summary>
    public CaseState PurgeEvidence(DateTimeOffset at) => this with { EvidencePurgedAt = at };
}
