using CocReports.Api.Pages;
using CocReports.Procedure.Links;
using CocReports.Procedure.Resolution;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Timeline;
using Microsoft.AspNetCore.Http;

namespace CocReports.Api.CaseActions;

/// <summary>
/// The reporter or the reported person, asked by the committee's draft public statement, reads the statement as it
/// would name them and answers whether it may. Their answer is kept with the case; until everyone asked says yes the
/// statement can only be published naming no one.
/// </summary>
public sealed class ConsentAction(CaseDesk desk) : ICaseAction
{
    public CaseAction Action => CaseAction.Consent;

    public bool HeldByReporter => true;

    public bool HeldByReportedPerson => true;

    public ActionForm Form(CaseContext context)
    {
        var t = context.T;
        var form = new ActionForm(t.Format("Consent.Heading", context.Reference), t["Consent.Explain"], t["Consent.Button"], t.Language);
        return Draft(context) is not { } draft
            ? form.Note(t["Consent.Closed"])
            : form.Note(draft.Text).Choice("consent", t["Consent.Question"], (PublicStatementConsent.Yes, t["Consent.Yes"]), (PublicStatementConsent.No, t["Consent.No"]));
    }

    public Dictionary<string, string> Validate(CaseContext context, IFormCollection form) =>
        Draft(context) is null ? new() { ["consent"] = context.T["Consent.Closed"] }
        : FormValues.Text(form, "consent") is not (PublicStatementConsent.Yes or PublicStatementConsent.No) ? new() { ["consent"] = context.T["Consent.Missing"] }
        : [];

    public async Task<IResult> ActAsync(CaseContext context, IFormCollection form, CancellationToken cancellationToken)
    {
        var t = context.T;
        var answer = FormValues.Text(form, "consent")!;
        var consent = new CaseMessage
        {
            Id = CaseContext.NewMessageId(),
            Kind = CaseMessageKind.Consent,
            At = context.Now,
            From = context.MemberId,
            InReplyTo = Draft(context)!.Id,
            Text = answer,
        };
        await desk.ActAsync(context, new CaseChange { Message = consent, Step = CaseStep.ConsentAnswered }, cancellationToken);
        return new HtmlPage(t["Consent.Done.Title"], language: t.Language)
            .Heading(t["Consent.Done.Heading"])
            .Paragraph(t[answer == PublicStatementConsent.Yes ? "Consent.Done.Yes" : "Consent.Done.No"]);
    }

    // The draft that asked this party, while the statement is not yet published and the case still exists.
    static CaseMessage? Draft(CaseContext context) =>
        context.State.PublicStatementAt is null && context.State.EvidencePurgedAt is null
        && PublicStatementConsent.LatestDraft(context.Messages) is { } draft && draft.Asked.Contains(context.MemberId)
            ? draft
            : null;
}
