using CocReports.Procedure.Links;
using CocReports.Procedure.Storage;

namespace CocReports.Api.CaseActions;

/// <summary>Every action taken from a link is appended to the case's audit trail, before it acts: no action goes unrecorded.</summary>
public sealed class CaseActionAudit(IAuditTrail audit, TimeProvider clock)
{
    /// <summary>What the audit trail names an action by, followed by its path ("action:acknowledge").</summary>
    public const string WhatPrefix = "action:";

    public Task RecordAsync(CaseContext context, CaseAction action, CancellationToken cancellationToken) =>
        audit.AppendAsync(
            context.Report.Reference,
            new AuditEntry(clock.GetUtcNow(), context.MemberId, WhatPrefix + ActionLinks.PathOf(action), Allowed: true),
            cancellationToken);
}
