using CocReports.Api.Pages;
using CocReports.Procedure.Committee;
using CocReports.Procedure.Links;
using CocReports.Procedure.Resolution;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Timeline;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CocReports.Api.CaseActions;

/// <summary>
/// A member who may decide publishes the case's public statement, once: the version that names people only when
/// everyone the draft asked said yes, otherwise the one that names no one. The published text is kept past retention
/// and listed in the transparency report of the period it was published in.
/// </summary>
public sealed class PublishStatementAction(CaseDesk desk, IOptions<CommitteeOptions> committee) : ICaseAction
{
    public const string Named = "named";

    public const string Unnamed = "unnamed";

    public CaseAction Action => CaseAction.PublishStatement;

    public bool WaitsForDeclaration => true;

    public bool NeedsStepUp => true;

    public ActionForm Form(CaseContext context)
    {
        var t = context.T;
        var form = new ActionForm(t.Format("Publish.Heading", context.Reference), t["Publish.Explain"], t["Publish.Button"], t.Language);
        if (PublicStatementConsent.LatestDraft(context.Messages) is not { } draft)
        {
            return form.Note(t["Publish.NoDraft"]);
        }

        return form
            .Note(t.Format("Publish.NamedVersion", draft.Text))
            .Note(t.Format("Publish.UnnamedVersion", draft.PublicSummary ?? ""))
            .Note(Consents(context, draft))
            .Choice("version", t["Publish.Which"], (Named, t["Publish.Named"]), (Unnamed, t["Publish.Unnamed"]));
    }

    public Dictionary<string, string> Validate(CaseContext context, IFormCollection form)
    {
        var t = context.T;
        var draft = PublicStatementConsent.LatestDraft(context.Messages);
        var version = FormValues.Text(form, "version");
        return draft is null || context.State.DraftPublicStatement(context.MemberId, Audience.For(committee.Value, context.Report, context.State)) is null
                ? new() { ["version"] = t["Publish.NotNow"] }
            : version is not (Named or Unnamed) ? new() { ["version"] = t["Publish.WhichMissing"] }
            : version == Named && !PublicStatementConsent.EveryoneSaidYes(context.Messages, draft) ? new() { ["version"] = t["Publish.NoConsent"] }
            : [];
    }

    public async Task<IResult> ActAsync(CaseContext context, IFormCollection form, CancellationToken cancellationToken)
    {
        var t = context.T;
        var draft = PublicStatementConsent.LatestDraft(context.Messages)!;
        var published = new CaseMessage
        {
            Id = CaseContext.NewMessageId(),
            Kind = CaseMessageKind.PublicStatement,
            At = context.Now,
            From = context.MemberId,
            Text = FormValues.Text(form, "version") == Named ? draft.Text : draft.PublicSummary ?? "",
            InReplyTo = draft.Id,
        };
        var change = new CaseChange
        {
            Rule = state => state.PublishStatement(context.MemberId, context.Now, Audience.For(committee.Value, context.Report, state)),
            Message = published,
            Step = CaseStep.PublicStatementPublished,
        };
        return await desk.ActAsync(context, change, cancellationToken)
            ? new HtmlPage(t["Publish.Done.Title"], language: t.Language).Heading(t["Publish.Done.Heading"]).Paragraph(published.Text)
            : new HtmlPage(t["Publish.Done.Title"], language: t.Language).Heading(t["Action.Unchanged"]).Paragraph(t["Publish.NotNow"]);
    }

    // Who was asked, and what each answered so far.
    static string Consents(CaseContext context, CaseMessage draft) =>
        draft.Asked.Count == 0 ? context.T["Publish.NoOneAsked"]
        : string.Join("; ", draft.Asked.Select(party => context.T.Format(
            "Publish.Answer", Party.Shown(party, context.T), PublicStatementConsent.AnswerShown(context.Messages, draft, party, context.T))));
}
