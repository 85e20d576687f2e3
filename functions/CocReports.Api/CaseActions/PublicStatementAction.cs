using CocReports.Api.Pages;
using CocReports.Procedure.Committee;
using CocReports.Procedure.Links;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CocReports.Api.CaseActions;

/// <summary>
/// "In certain cases, a public statement may need to be made", with the identities of those impacted kept confidential
/// unless they say otherwise. A member who may decide writes the statement twice, as it would name people and naming no
/// one, and chooses whom to ask: the reporter (when they gave an address) and the reported person (once told), the
/// parties whose address the case holds. Each is mailed the named version with a link to answer. A new draft replaces
/// the last, and asks again. Nothing is public until a member publishes it (<see cref="PublishStatementAction"/>).
/// </summary>
public sealed class PublicStatementAction(CaseDesk desk, IOptions<CommitteeOptions> committee) : ICaseAction
{
    public CaseAction Action => CaseAction.PublicStatement;

    public bool WaitsForDeclaration => true;

    public ActionForm Form(CaseContext context)
    {
        var t = context.T;
        var form = new ActionForm(t.Format("PublicStatement.Heading", context.Reference), t["PublicStatement.Explain"], t["PublicStatement.Button"], t.Language)
            .Text("named", t["PublicStatement.Named"], required: true)
            .Text("unnamed", t["PublicStatement.Unnamed"], required: true);
        var parties = Askable(context);
        return parties.Length == 0 ? form.Note(t["PublicStatement.NoOneToAsk"]) : form.Checks("ask", t["PublicStatement.Ask"], parties);
    }

    public Dictionary<string, string> Validate(CaseContext context, IFormCollection form)
    {
        var t = context.T;
        var errors = new Dictionary<string, string>();
        if (context.State.DraftPublicStatement(context.MemberId, Audience.For(committee.Value, context.Report, context.State)) is null)
        {
            errors["named"] = t["PublicStatement.NotNow"];
        }

        if (FormValues.Text(form, "named") is null)
        {
            errors["named"] = t["PublicStatement.NamedMissing"];
        }

        if (FormValues.Text(form, "unnamed") is null)
        {
            errors["unnamed"] = t["PublicStatement.UnnamedMissing"];
        }

        return errors;
    }

    public async Task<IResult> ActAsync(CaseContext context, IFormCollection form, CancellationToken cancellationToken)
    {
        var t = context.T;
        var askable = Askable(context).Select(p => p.Value).ToHashSet(StringComparer.Ordinal);
        var draft = new CaseMessage
        {
            Id = CaseContext.NewMessageId(),
            Kind = CaseMessageKind.PublicStatementDraft,
            At = context.Now,
            From = context.MemberId,
            Text = FormValues.Text(form, "named")!,
            PublicSummary = FormValues.Text(form, "unnamed"),
            Asked = [.. form["ask"].OfType<string>().Where(askable.Contains).Distinct(StringComparer.Ordinal)],
        };
        var change = new CaseChange
        {
            Rule = state => state.DraftPublicStatement(context.MemberId, Audience.For(committee.Value, context.Report, state)),
            Message = draft,
            Event = CaseEventKind.PublicStatementDrafted,
        };
        return await desk.ActAsync(context, change, cancellationToken)
            ? new HtmlPage(t["PublicStatement.Done.Title"], language: t.Language).Heading(t["PublicStatement.Done.Heading"])
                .Paragraph(t[draft.Asked.Count == 0 ? "PublicStatement.Done.NoOneAsked" : "PublicStatement.Done.Asked"])
            : new HtmlPage(t["PublicStatement.Done.Title"], language: t.Language).Heading(t["Action.Unchanged"]).Paragraph(t["PublicStatement.NotNow"]);
    }

    // Only the parties the case can reach: an anonymous reporter is never named, and the reported person only once told.
    static (string Value, string Label)[] Askable(CaseContext context) =>
    [
        .. context.Report.Details.ContactEmail is null ? [] : new[] { (ActionLinks.Reporter, context.T["PublicStatement.AskReporter"]) },
        .. context.State.ReportedToldAt is null ? [] : new[] { (ActionLinks.ReportedPerson, context.T["PublicStatement.AskReported"]) },
    ];
}
