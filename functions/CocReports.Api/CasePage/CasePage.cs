using System.Globalization;
using CocReports.Api.Access;
using CocReports.Api.CaseActions;
using CocReports.Api.Pages;
using CocReports.Procedure.Committee;
using CocReports.Procedure.Evidence;
using CocReports.Procedure.Links;
using CocReports.Procedure.Measures;
using CocReports.Procedure.Patterns;
using CocReports.Procedure.Notifications;
using CocReports.Procedure.Passkeys;
using CocReports.Procedure.Rendering;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Timeline;
using CocReports.Procedure.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CocReports.Api.CasePage;

/// <summary>
/// GET /api/reports/{reference}/view: the case as a member of its audience sees it, from the View link in every
/// committee email: the report, its evidence (pictures shown without their metadata), its timeline, the committee's
/// internal notes, a form for each action the member may take now, and who opened it. Every view is recorded first.
/// The first time, the page is only the declaration of the member's conflicts.
/// </summary>
public sealed class CasePage(
    CaseAccess access,
    ITimeline timeline,
    IAuditTrail audit,
    AuditChain chain,
    ICaseMessages caseMessages,
    IOptions<CommitteeOptions> committee,
    ReportPatterns patterns,
    ActionLinks links,
    CaseForms forms)
{
    public async Task<IResult> ShowAsync(HttpRequest request, ICaseWorkflow workflows, string reference, CancellationToken cancellationToken)
    {
        var (refusal, admitted) = await access.AdmitAsync(request, reference, _ => CaseAccess.CaseView, cancellationToken, asksDeclaration: true);
        if (refusal is not null)
        {
            return refusal;
        }

        var viewed = admitted!;
        if (access.MustDeclare(viewed.State, viewed.MemberId))
        {
            // The declaration comes before anything of the report: the page is its form alone.
            var declaration = new HtmlPage($"Report {reference}").Heading($"Report {reference}");
            await forms.AppendAsync(declaration, forms.ContextFor(viewed, [], workflows), CaseAction.Declare, cancellationToken);
            return declaration;
        }

        await access.RecordAsync(viewed, CaseAccess.CaseView, cancellationToken);
        var steps = await timeline.ReadAsync(reference, cancellationToken);
        var views = await audit.ReadAsync(reference, cancellationToken); // read after recording: this view is listed too
        var messages = await caseMessages.GetMessagesAsync(reference, cancellationToken);
        var context = forms.ContextFor(viewed, messages, workflows);
        var offered = CaseForms.Offered(viewed.Report, viewed.State, messages, viewed.MemberId, Audience.For(committee.Value, viewed.Report, viewed.State));

        var report = viewed.Report;
        var page = new HtmlPage($"Report {reference}")
            .Heading($"Report {reference}")
            .Paragraph("Confidential: only the committee members handling this report can open this page, and every view is recorded.");
        if (PasskeyRule.Offered(committee.Value, viewed.Passkeys.Count > 0))
        {
            PasskeyPages.OfferTo(page.Subheading("Passkey"), CaseAccess.PasskeyHref(reference), access.AddFields(viewed, request));
        }

        AppendReport(page, report, viewed.State, access.NeedsStepUp(viewed));
        if (access.NeedsStepUp(viewed))
        {
            page.RunsPasskeys().Form(CaseAccess.ConfirmHref(reference), "Show the reporter's identity and contact", access.ConfirmFields(viewed, request.Path));
        }

        await AppendPatternsAsync(page, context, cancellationToken);

        // The link is named by what the file is; the sender's name is only text beside it.
        page.Subheading("Evidence").Table(
            ["File", "Name as sent", "Type", "Size", "SHA-256 of the original", "Original"],
            report.Evidence.Select((file, index) => (IReadOnlyList<TableCell>)
            [
                new(EvidenceName.ForDownload(index, file), EvidenceHref(reference, index)),
                new(EvidenceName.Shown(file.FileName)),
                new(file.ContentType),
                new(string.Create(CultureInfo.InvariantCulture, $"{file.Length:N0} bytes")),
                new(file.Sha256),
                OriginalCell(reference, index, file),
            ]),
            "The reporter sent no evidence.");
        AppendPictures(page, report);

        page.Subheading("Timeline").Table(
            ["When", "Step", "By", "Note"],
            steps.OrderBy(s => s.At).Select(s => (IReadOnlyList<TableCell>)
                [new(Texts.TimeToTheSecond(s.At)), new(Words.Split(s.Step.Name, ' ')), new(s.MemberId is { } id ? NameOf(id) : ""), new(s.Note ?? "")]),
            "Nothing has happened on this report yet.");
        AppendMeasures(page, viewed.State, messages);
        await AppendNotesAsync(page, messages, context, offered, cancellationToken);
        await AppendActionsAsync(page, context, offered, cancellationToken);

        // Each entry's number and hash, to compare with the head a weekly digest mailed (AuditHead).
        page.Subheading("Who opened this case").Table(
            ["Entry", "When", "Member", "What", "Outcome", "Hash"],
            views.Select(v => (IReadOnlyList<TableCell>)
            [
                new(v.Sequence.ToString(CultureInfo.InvariantCulture)), new(Texts.TimeToTheSecond(v.Entry.At)), new(NameOf(v.Entry.MemberId)),
                new(Describe(report, v.Entry.What)), new(Outcome(v.Entry)), new(AuditHead.ShortHash(v)),
            ]),
            "No one has opened this case yet.");
        AppendTrailCheck(page, reference, chain.Verify(reference, report.ReceivedAt, views), AuditHead.Of(views.Count > 0 ? views[^1] : null));

        return page;
    }

    /// <summary>Each evidence file is fetched through the app in the same case session (the cookie), never from storage directly.</summary>
    public static string EvidenceHref(string reference, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"/api/reports/{Uri.EscapeDataString(reference)}/evidence/{index}");

    // The procedure's "Report Data", in its order; fields the reporter left empty are not shown. Who the reporter is
    // and how to reach them wait for a recent passkey confirmation, when the member has a passkey.
    void AppendReport(HtmlPage page, Report report, CaseState state, bool identityHidden)
    {
        foreach (var (label, value) in ReportSummary.Fields(report))
        {
            page.Field(label, identityHidden && label is "Reporter" or "Sender" ? "Shown once you confirm with your passkey (below)" : value);
        }

        var d = report.Details;
        page            .Field("Kept from (at the reporter's request)", string.Join(", ", d.ExcludedMembers.Select(NameOf)))
            .Field("Recused", string.Join(", ", state.RecusedMembers.Select(NameOf)))
            .Field("Soft conflicts (may read, do not decide)", string.Join(", ", state.SoftConflicts.Select(NameOf)));
    }

    // Other reports that may name the same person, only those this member may see; a fresh View link opens each.
    async Task AppendPatternsAsync(HtmlPage page, CaseContext context, CancellationToken cancellationToken)
    {
        var (report, memberId) = (context.Report, context.MemberId);
        await patterns.IndexAsync(report, cancellationToken);
        var matches = await patterns.ForMemberAsync(report.Reference, memberId, cancellationToken);
        if (matches.Count > 0)
        {
            page.Subheading("The reported person may be named in other reports").Table(
                ["Report", "Match"],
                matches.Select(m => (IReadOnlyList<TableCell>)
                    [new(m.Reference, links.Create(m.Reference, memberId, CaseAction.View).PathAndQuery), new(m.Strength)]),
                "");
        }

        // Once retention has removed the report's text there is nothing left to match on.
        if (context.State.EvidencePurgedAt is null)
        {
            page.Link("Add or correct the identifiers of the reported person that other reports are matched on", forms.Href(context, CaseAction.Identify));
        }
    }

    // Each photo is shown from the same route as its download: the copy without metadata, its viewing recorded like a download.
    static void AppendPictures(HtmlPage page, Report report)
    {
        var pictures = report.Evidence.Select((file, index) => (file, index)).Where(p => EvidenceMetadata.CanRemove(p.file.ContentType)).ToList();
        if (pictures.Count == 0)
        {
            return;
        }

        page.Subheading("Pictures (shown without their metadata)");
        foreach (var (file, index) in pictures)
        {
            var name = EvidenceName.ForDownload(index, file);
            page.Image(EvidenceHref(report.Reference, index), $"{name}, a picture the reporter sent", $"{name} (sent as {EvidenceName.Shown(file.FileName)})");
        }
    }

    // What each interim measure did is case content: shown here only, never mailed or on the timeline.
    void AppendMeasures(HtmlPage page, CaseState state, IReadOnlyList<CaseMessage> messages)
    {
        if (state.Measures.Count == 0)
        {
            return;
        }

        page.Subheading("Interim measures").Table(
            ["Taken", "By", "What was done", "In effect until the end of", "Review"],
            state.Measures.Select(m => (IReadOnlyList<TableCell>)
            [
                new(Texts.TimeToTheSecond(m.RecordedAt)), new(NameOf(m.RecordedBy)), new(messages.FirstOrDefault(x => x.Id == m.Id)?.Text ?? ""),
                new(m.LastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                new(m.Review switch
                {
                    MeasureReview.Confirmed => $"Confirmed by {NameOf(m.ReviewedBy!)}",
                    MeasureReview.Lifted => $"Lifted by {NameOf(m.ReviewedBy!)}",
                    _ => "Awaiting the committee's review",
                }),
            ]),
            "");
    }

    // The committee's own discussion of the case: read here only, by the members who may open it; its line breaks kept.
    async Task AppendNotesAsync(HtmlPage page, IReadOnlyList<CaseMessage> messages, CaseContext context, IReadOnlyList<CaseAction> offered, CancellationToken cancellationToken)
    {
        page.Subheading("Committee notes (never shown to the reporter)");
        var notes = messages.Where(m => m.Kind == CaseMessageKind.Note).OrderBy(m => m.At).ToList();
        if (notes.Count == 0)
        {
            page.Paragraph("No notes yet.");
        }

        foreach (var note in notes)
        {
            page.Field($"{NameOf(note.From)}, {Texts.TimeToTheSecond(note.At)}", note.Text);
        }

        if (offered.Contains(CaseAction.Note))
        {
            await forms.AppendAsync(page, context, CaseAction.Note, cancellationToken);
        }
    }

    async Task AppendActionsAsync(HtmlPage page, CaseContext context, IReadOnlyList<CaseAction> offered, CancellationToken cancellationToken)
    {
        foreach (var action in offered.Where(a => a != CaseAction.Note))
        {
            await forms.AppendAsync(page, context, action, cancellationToken);
        }
    }

    // Photos are shown without their metadata; the original, as received, is a download of its own, recorded as such.
    static TableCell OriginalCell(string reference, int index, EvidenceFile file) =>
        new(EvidenceMetadata.CanRemove(file.ContentType) ? "Download the original, with its metadata (recorded)" : "Download (recorded)",
            CaseEvidence.OriginalHref(reference, index));

    // The chain's verdict, its head and its exports, in a block of their own.
    static void AppendTrailCheck(HtmlPage page, string reference, AuditVerification verification, AuditHead head) =>
        page.Paragraph(verification.Verifies
                ? $"The audit trail verifies: {verification.Entries} entries, each chained to the one before."
                : $"The audit trail does not verify: {verification.Problem} Entries from {verification.FirstBroken} on cannot be trusted.")
            .Paragraph($"Its newest is entry {head.Entries}, hash {head.Hash}. Each weekly digest names every open case's newest entry and its hash: "
                + "here, that entry must carry that hash. If it is missing or carries another, entries were removed or rewritten in storage after the digest.")
            .Link("Export the audit trail (JSON)", CaseTrailExport.Href(reference, "json"))
            .Link("Export the audit trail (CSV)", CaseTrailExport.Href(reference, "csv"));

    string NameOf(string memberId) =>
        memberId == ActionLinks.Reporter ? "The reporter" : committee.Value.NameOf(memberId);

    static string Outcome(AuditEntry entry) =>
        !entry.Allowed ? "Refused"
            : entry.What.StartsWith(CaseDesk.WhatPrefix, StringComparison.Ordinal) || entry.What.StartsWith("passkey.", StringComparison.Ordinal) ? "Done"
            : "Opened";

    static string Describe(Report report, string what) =>
        what == CaseAccess.CaseView
            ? "The case page"
            : what == CaseAccess.PasskeyAdded
            ? "Passkey added"
            : what == LinkExchange.SignedIn
            ? "Signed in with a passkey"
            : what == CaseAccess.PasskeyConfirmed
            ? "Confirmed with a passkey"
            : what.StartsWith(CaseEvidence.OriginalPrefix, StringComparison.Ordinal)
            ? "Original: " + Describe(report, what[CaseEvidence.OriginalPrefix.Length..]).Replace("Evidence: ", "", StringComparison.Ordinal)
            : what.StartsWith(CaseTrailExport.WhatPrefix, StringComparison.Ordinal)
            ? "Export of the audit trail (" + what[CaseTrailExport.WhatPrefix.Length..].ToUpperInvariant() + ")"
            : what.StartsWith(CaseDesk.WhatPrefix, StringComparison.Ordinal)
            ? "Action: " + what[CaseDesk.WhatPrefix.Length..].Replace('-', ' ')
            : report.Evidence.ToList().FindIndex(e => e.BlobName == what) is var index and >= 0
                ? "Evidence: " + EvidenceName.ForDownload(index, report.Evidence[index])
                : "Evidence";

}
