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
using CocReports.Procedure.Resolution;
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
        var t = committee.Value.TextsFor(viewed.MemberId);
        if (access.MustDeclare(viewed.State, viewed.MemberId))
        {
            // The declaration comes before anything of the report: the page is its form alone.
            var declaration = new HtmlPage(t.Format("Case.Title", reference), language: t.Language).Heading(t.Format("Case.Title", reference));
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
        var page = new HtmlPage(t.Format("Case.Title", reference), language: t.Language)
            .Heading(t.Format("Case.Title", reference))
            .Paragraph(t["Case.Confidential"]);
        if (PasskeyRule.Offered(committee.Value, viewed.Passkeys.Count > 0))
        {
            PasskeyPages.OfferTo(page.Subheading(t["Case.Passkey"]), CaseAccess.PasskeyHref(reference), access.AddFields(viewed, request), t);
        }

        AppendReport(page, report, viewed.State, access.NeedsStepUp(viewed), t);
        if (access.NeedsStepUp(viewed))
        {
            page.RunsPasskeys().Form(CaseAccess.ConfirmHref(reference), t["Case.ShowIdentity"], access.ConfirmFields(viewed, request.Path));
        }

        await AppendPatternsAsync(page, context, t, cancellationToken);

        // The link is named by what the file is; the sender's name is only text beside it.
        page.Subheading(t["Case.Evidence"]).Table(
            [t["Case.Evidence.File"], t["Case.Evidence.NameSent"], t["Case.Evidence.Type"], t["Case.Evidence.Size"], t["Case.Evidence.Sha256"], t["Case.Evidence.Original"]],
            report.Evidence.Select((file, index) => (IReadOnlyList<TableCell>)
            [
                new(EvidenceName.ForDownload(index, file), EvidenceHref(reference, index)),
                new(EvidenceName.Shown(file.FileName)),
                new(file.ContentType),
                new(t.Format("Case.Evidence.Bytes", t.Number(file.Length))),
                new(file.Sha256),
                OriginalCell(reference, index, file, t),
            ]),
            t["Case.Evidence.None"]);
        AppendPictures(page, report, t);

        page.Subheading(t["Case.Timeline"]).Table(
            [t["Case.Timeline.When"], t["Case.Timeline.Step"], t["Case.Timeline.By"], t["Case.Timeline.Note"]],
            steps.OrderBy(s => s.At).Select(s => (IReadOnlyList<TableCell>)
                [new(Texts.TimeToTheSecond(s.At)), new(s.Step.Shown(t)), new(s.MemberId is { } id ? NameOf(id, t) : ""), new(s.Note ?? "")]),
            t["Case.Timeline.None"]);
        AppendMeasures(page, viewed.State, messages, t);
        AppendReportedSide(page, viewed.State, messages, t);
        AppendAppeals(page, report, messages, viewed.MemberId, t);
        AppendPublicStatement(page, messages, t);
        await AppendNotesAsync(page, messages, context, offered, t, cancellationToken);
        await AppendActionsAsync(page, context, offered, cancellationToken);

        // Each entry's number and hash, to compare with the head a weekly digest mailed (AuditHead).
        page.Subheading(t["Case.Views"]).Table(
            [t["Case.Views.Entry"], t["Case.Views.When"], t["Case.Views.Member"], t["Case.Views.What"], t["Case.Views.Outcome"], t["Case.Views.Hash"]],
            views.Select(v => (IReadOnlyList<TableCell>)
            [
                new(v.Sequence.ToString(CultureInfo.InvariantCulture)), new(Texts.TimeToTheSecond(v.Entry.At)), new(NameOf(v.Entry.MemberId, t)),
                new(Describe(report, v.Entry.What, t)), new(Outcome(v.Entry, t)), new(AuditHead.ShortHash(v)),
            ]),
            t["Case.Views.None"]);
        AppendTrailCheck(page, reference, chain.Verify(reference, report.ReceivedAt, views), AuditHead.Of(views.Count > 0 ? views[^1] : null), t);

        return page;
    }

    /// <summary>Each evidence file is fetched through the app in the same case session (the cookie), never from storage directly.</summary>
    public static string EvidenceHref(string reference, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"/api/reports/{Uri.EscapeDataString(reference)}/evidence/{index}");

    // The procedure's "Report Data", in its order; fields the reporter left empty are not shown. Who the reporter is
    // and how to reach them wait for a recent passkey confirmation, when the member has a passkey.
    void AppendReport(HtmlPage page, Report report, CaseState state, bool identityHidden, Texts t)
    {
        foreach (var (label, value) in ReportSummary.Fields(report, t))
        {
            page.Field(label, identityHidden && ReportSummary.IsIdentity(label, t) ? t["Case.IdentityHidden"] : value);
        }

        var d = report.Details;
        page.Field(t["Case.KeptFrom"], string.Join(", ", d.ExcludedMembers.Select(m => NameOf(m, t))))
            .Field(t["Case.Recused"], string.Join(", ", state.RecusedMembers.Select(m => NameOf(m, t))))
            .Field(t["Case.SoftConflicts"], string.Join(", ", state.SoftConflicts.Select(m => NameOf(m, t))));
    }

    // Other reports that may name the same person, only those this member may see; a fresh View link opens each.
    async Task AppendPatternsAsync(HtmlPage page, CaseContext context, Texts t, CancellationToken cancellationToken)
    {
        var (report, memberId) = (context.Report, context.MemberId);
        await patterns.IndexAsync(report, cancellationToken);
        var matches = await patterns.ForMemberAsync(report.Reference, memberId, cancellationToken);
        if (matches.Count > 0)
        {
            page.Subheading(t["Case.Patterns"]).Table(
                [t["Case.Patterns.Report"], t["Case.Patterns.Match"]],
                matches.Select(m => (IReadOnlyList<TableCell>)
                    [new(m.Reference, links.Create(m.Reference, memberId, CaseAction.View).PathAndQuery), new(m.Strength)]),
                "");
        }

        // Once retention has removed the report's text there is nothing left to match on.
        if (context.State.EvidencePurgedAt is null)
        {
            page.Link(t["Case.Patterns.Identify"], forms.Href(context, CaseAction.Identify));
        }
    }

    // Each photo is shown from the same route as its download: the copy without metadata, its viewing recorded like a download.
    static void AppendPictures(HtmlPage page, Report report, Texts t)
    {
        var pictures = report.Evidence.Select((file, index) => (file, index)).Where(p => EvidenceMetadata.CanRemove(p.file.ContentType)).ToList();
        if (pictures.Count == 0)
        {
            return;
        }

        page.Subheading(t["Case.Pictures"]);
        foreach (var (file, index) in pictures)
        {
            var name = EvidenceName.ForDownload(index, file);
            page.Image(EvidenceHref(report.Reference, index), t.Format("Case.Picture.Alt", name), t.Format("Case.Picture.Caption", name, EvidenceName.Shown(file.FileName)));
        }
    }

    // What each interim measure did is case content: shown here only, never mailed or on the timeline.
    void AppendMeasures(HtmlPage page, CaseState state, IReadOnlyList<CaseMessage> messages, Texts t)
    {
        if (state.Measures.Count == 0)
        {
            return;
        }

        page.Subheading(t["Case.Measures"]).Table(
            [t["Case.Measures.Taken"], t["Case.Measures.By"], t["Case.Measures.What"], t["Case.Measures.Until"], t["Case.Measures.Review"]],
            state.Measures.Select(m => (IReadOnlyList<TableCell>)
            [
                new(Texts.TimeToTheSecond(m.RecordedAt)), new(NameOf(m.RecordedBy, t)), new(messages.FirstOrDefault(x => x.Id == m.Id)?.Text ?? ""),
                new(m.LastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                new(m.Review switch
                {
                    MeasureReview.Confirmed => t.Format("Case.Measures.Confirmed", NameOf(m.ReviewedBy!, t)),
                    MeasureReview.Lifted => t.Format("Case.Measures.Lifted", NameOf(m.ReviewedBy!, t)),
                    _ => t["Case.Measures.Awaiting"],
                }),
            ]),
            "");
    }

    // What the committee told the reported person, and their statement: a separate party's content, read here only.
    void AppendReportedSide(HtmlPage page, CaseState state, IReadOnlyList<CaseMessage> messages, Texts t)
    {
        if (messages.LastOrDefault(m => m.Kind == CaseMessageKind.ReportedNotice) is not { } notice)
        {
            return;
        }

        page.Subheading(t["Reported.Case.Heading"])
            .Field(t.Format("Reported.Case.Told", NameOf(notice.From, t), Texts.TimeToTheSecond(notice.At), notice.To ?? ""), notice.Text)
            .Field(t["Reported.Case.Why"], notice.Reason);
        if (messages.LastOrDefault(m => m.Kind == CaseMessageKind.Statement) is { } statement)
        {
            page.Field(t.Format("Reported.Case.Statement", Texts.TimeToTheSecond(statement.At)), statement.Text);
        }
        else
        {
            page.Paragraph(t[state.EvidencePurgedAt is null ? "Reported.Case.NoStatement" : "Reported.Case.Removed"]);
        }
    }

    // An appeal leads to the case it appeals (opened, as any case, only by who may see it); an appealed case lists its
    // appeals, and how each ended once its panel resolved it.
    void AppendAppeals(HtmlPage page, Report report, IReadOnlyList<CaseMessage> messages, string memberId, Texts t)
    {
        if (report.Appeal is { } appeal)
        {
            page.Subheading(t["Appeal.Case.Heading"]).Link(t.Format("Appeal.Case.Open", appeal.Of), links.Create(appeal.Of, memberId, CaseAction.View).PathAndQuery);
        }

        var filed = messages.Where(m => m.Kind == CaseMessageKind.Appeal).ToList();
        if (filed.Count == 0)
        {
            return;
        }

        page.Subheading(t["Appeal.Case.Appeals"]).Table(
            [t["Appeal.Case.When"], t["Appeal.Case.By"], t["Appeal.Case.Ground"], t["Appeal.Case.Case"], t["Appeal.Case.Outcome"]],
            filed.Select(a => (IReadOnlyList<TableCell>)
            [
                new(Texts.TimeToTheSecond(a.At)),
                new(Party.Shown(a.From, t)),
                new(a.Text),
                new(a.Case ?? ""),
                new(messages.LastOrDefault(d => d.Kind == CaseMessageKind.AppealDecided && d.Case == a.Case) is { } decided
                    ? t.Format("Appeal.Case.Decided", NameOf(decided.From, t), ReporterView.Describe(decided.Violation, t), decided.Response ?? "")
                    : t["Appeal.Case.Pending"]),
            ]),
            "");
    }

    // The statement as drafted both ways, who was asked to be named and what they answered, and what was published.
    static void AppendPublicStatement(HtmlPage page, IReadOnlyList<CaseMessage> messages, Texts t)
    {
        if (PublicStatementConsent.LatestDraft(messages) is not { } draft)
        {
            return;
        }

        page.Subheading(t["PublicStatement.Case.Heading"])
            .Field(t["PublicStatement.Named"], draft.Text)
            .Field(t["PublicStatement.Unnamed"], draft.PublicSummary);
        foreach (var party in draft.Asked)
        {
            page.Field(Party.Shown(party, t), PublicStatementConsent.AnswerShown(messages, draft, party, t));
        }

        if (messages.LastOrDefault(m => m.Kind == CaseMessageKind.PublicStatement) is { } published)
        {
            page.Field(t.Format("PublicStatement.Case.Published", Texts.TimeToTheSecond(published.At)), published.Text);
        }
    }

    // The committee's own discussion of the case: read here only, by the members who may open it; its line breaks kept.
    async Task AppendNotesAsync(HtmlPage page, IReadOnlyList<CaseMessage> messages, CaseContext context, IReadOnlyList<CaseAction> offered, Texts t, CancellationToken cancellationToken)
    {
        page.Subheading(t["Case.Notes"]);
        var notes = messages.Where(m => m.Kind == CaseMessageKind.Note).OrderBy(m => m.At).ToList();
        if (notes.Count == 0)
        {
            page.Paragraph(t["Case.Notes.None"]);
        }

        foreach (var note in notes)
        {
            page.Field(t.Format("Case.Notes.From", NameOf(note.From, t), Texts.TimeToTheSecond(note.At)), note.Text);
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
    static TableCell OriginalCell(string reference, int index, EvidenceFile file, Texts t) =>
        new(EvidenceMetadata.CanRemove(file.ContentType) ? t["Case.Evidence.DownloadOriginal"] : t["Case.Evidence.Download"],
            CaseEvidence.OriginalHref(reference, index));

    // The chain's verdict, its head and its exports, in a block of their own.
    static void AppendTrailCheck(HtmlPage page, string reference, AuditVerification verification, AuditHead head, Texts t) =>
        page.Paragraph(verification.Verifies
                ? t.Format("Case.Trail.Verifies", verification.Entries)
                : t.Format("Case.Trail.Broken", verification.Problem, verification.FirstBroken))
            .Paragraph(t.Format("Case.Trail.Head", head.Entries, head.Hash))
            .Link(t["Case.Trail.ExportJson"], CaseTrailExport.Href(reference, "json"))
            .Link(t["Case.Trail.ExportCsv"], CaseTrailExport.Href(reference, "csv"));

    string NameOf(string memberId, Texts t) =>
        memberId == ActionLinks.Reporter ? t["Case.TheReporter"] : committee.Value.NameOf(memberId);

    static string Outcome(AuditEntry entry, Texts t) => t[
        !entry.Allowed ? "Case.Views.Refused"
            : entry.What.StartsWith(CaseDesk.WhatPrefix, StringComparison.Ordinal) || entry.What.StartsWith("passkey.", StringComparison.Ordinal) ? "Case.Views.Done"
            : "Case.Views.Opened"];

    // An original's entry names the file as its copy's entry does, after its own word.
    static string Describe(Report report, string what, Texts t) =>
        what == CaseAccess.CaseView
            ? t["Case.What.Page"]
            : what == CaseAccess.PasskeyAdded
            ? t["Case.What.PasskeyAdded"]
            : what == LinkExchange.SignedIn
            ? t["Case.What.SignedIn"]
            : what == CaseAccess.PasskeyConfirmed
            ? t["Case.What.Confirmed"]
            : what.StartsWith(CaseEvidence.OriginalPrefix, StringComparison.Ordinal)
            ? t.Format("Case.What.Original", EvidenceNamed(report, what[CaseEvidence.OriginalPrefix.Length..]) ?? t["Case.What.Evidence"])
            : what.StartsWith(CaseTrailExport.WhatPrefix, StringComparison.Ordinal)
            ? t.Format("Case.What.Export", what[CaseTrailExport.WhatPrefix.Length..].ToUpperInvariant())
            : what.StartsWith(CaseDesk.WhatPrefix, StringComparison.Ordinal)
            ? t.Format("Case.What.Action", what[CaseDesk.WhatPrefix.Length..].Replace('-', ' '))
            : EvidenceNamed(report, what) is { } name
                ? t.Format("Case.What.EvidenceFile", name)
                : t["Case.What.Evidence"];

    // The download name of the evidence file stored as blobName, if it is one of the report's.
    static string? EvidenceNamed(Report report, string blobName) =>
        report.Evidence.ToList().FindIndex(e => e.BlobName == blobName) is var index and >= 0 ? EvidenceName.ForDownload(index, report.Evidence[index]) : null;

}
