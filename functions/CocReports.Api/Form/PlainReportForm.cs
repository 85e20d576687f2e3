using CocReports.Api.Limits;
using CocReports.Api.Pages;
using CocReports.Procedure.Committee;
using CocReports.Procedure.Intake;
using CocReports.Procedure.Rendering;
using CocReports.Procedure.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CocReports.Api.Form;

/// <summary>
/// GET /api/report-form: the report form as plain HTML for reporters with JavaScript off, in the language its
/// <c>lang</c> query asks for. Rendered by the server so that it can list the committee (for exclusions), the
/// configured emergency notice and promises; it posts to /api/reports, which answers such a browser in HTML: the
/// receipt, or this form again with the reporter's text and the errors (never their files, which a page cannot
/// hand back).
/// </summary>
public sealed class PlainReportForm(IOptions<CommitteeOptions> committee, IOptions<FormOptions> form, IOptions<IntakeOptions> limits, IOptions<WorkflowOptions> workflow)
{
    public IResult Handle(HttpRequest request) => Page(Texts.For(request.Query["lang"]), new ReportForm(), null, StatusCodes.Status200OK);

    /// <summary>The form again after a refused submission: <paramref name="problem"/>'s status, its errors by field and at the top, the text kept.</summary>
    public IResult Again(IResult problem, ReportForm sent)
    {
        var t = Texts.For(sent.Value(ReportFields.Language));
        var (status, detail, errors) = (problem is RetryAfter wrapped ? wrapped.Inner : problem) switch
        {
            ValidationProblem v => (StatusCodes.Status400BadRequest, v.ProblemDetails.Detail, v.ProblemDetails.Errors.ToDictionary(e => e.Key, e => string.Join(" ", e.Value))),
            ProblemHttpResult p => (p.StatusCode, p.ProblemDetails.Detail, new Dictionary<string, string>()),
            IStatusCodeHttpResult s => (s.StatusCode ?? StatusCodes.Status400BadRequest, null, new Dictionary<string, string>()),
            _ => (StatusCodes.Status400BadRequest, null, new Dictionary<string, string>()),
        };

        // Errors about something other than a field (the whole report, a file) stand at the top with the rest.
        var shown = errors.Where(e => e.Key.Length > 0 && FieldNames.Contains(e.Key)).ToDictionary();
        var general = errors.Where(e => !shown.ContainsKey(e.Key)).Select(e => e.Value).Prepend(detail).OfType<string>().ToList();
        var result = Page(t, sent, new Refusal(general, shown), status);
        return problem is RetryAfter retry ? new RetryAfter(result, retry.Wait) : result;
    }

    static readonly HashSet<string> FieldNames = [.. ReportFields.Text, ReportFields.IsOngoing, ReportFields.Setting, ReportFields.ExcludedMembers, ReportFields.ContactChoice, ReportFields.Evidence];

    sealed record Refusal(IReadOnlyList<string> General, IReadOnlyDictionary<string, string> Fields);

    HtmlPage Page(Texts t, ReportForm sent, Refusal? refusal, int status)
    {
        string? V(string name) => sent.All(name) is { Count: > 0 } values ? values[0] : null;
        TextField Text(string name, string key, string type = "text", bool required = false) => new(name, t[key], type, required, V(name));
        ChoiceField Choice(string name, string key, params string[] values) =>
            new(name, t[key], [.. values.Select(v => (v, t[$"{key}.{v}"]))], V(name));

        var page = new HtmlPage(t["Form.Title"], status, t.Language).Heading(t["Form.Title"]);
        if (refusal is not null)
        {
            page.Notice(t["Form.Refused"]);
            foreach (var line in refusal.General)
            {
                page.Notice(line);
            }
        }

        page.Subheading(t["Form.Emergency"]).Paragraph(form.Value.EmergencyNotice)
            .Paragraph(t.Format("Form.Intro", t.Duration(workflow.Value.AcknowledgeWithin), t.Duration(workflow.Value.FollowUpWithin)));

        FormField[] fields =
        [
            new FieldGroup("incident", t["Form.Incident"],
            [
                Text(ReportFields.Description, "Form.Description", "textarea", required: true),
                Text(ReportFields.OccurredAt, "Form.OccurredAt"),
                Text(ReportFields.Location, "Form.Location"),
                Choice(ReportFields.IsOngoing, "Form.IsOngoing", "yes", "no", "unsure"),
                Text(ReportFields.Circumstances, "Form.Circumstances", "textarea"),
            ]),
            new FieldGroup("where", t["Form.Where"],
            [
                Choice(ReportFields.Setting, "Form.Setting", "physical", "online", "other"),
                Text(ReportFields.EventName, "Form.EventName"),
                Text(ReportFields.OnlineSpace, "Form.OnlineSpace"),
                Text(ReportFields.ConversationLink, "Form.ConversationLink", "url"),
            ]),
            new FieldGroup("who", t["Form.Who"],
            [
                Text(ReportFields.ReportedPerson, "Form.ReportedPerson", "textarea"),
                Text(ReportFields.OthersInvolved, "Form.OthersInvolved", "textarea"),
            ]),
            new FieldGroup("safety", t["Form.Safety"],
            [
                Text(ReportFields.SafetyConcerns, "Form.SafetyConcerns", "textarea"),
                new CheckField(ReportFields.FeelsUnsafe, [("true", t["Form.FeelsUnsafe"])], V(ReportFields.FeelsUnsafe) is "true" ? ["true"] : []),
            ]),
            new FieldGroup("committee", t["Form.Committee"],
            [
                new CheckField(ReportFields.ExcludedMembers, [.. committee.Value.Members.Select(m => (m.Id, m.Name))], [.. sent.All(ReportFields.ExcludedMembers)]),
            ], t["Form.Committee.Intro"]),
            new FieldGroup("contact", t["Form.Contact"],
            [
                Choice(ReportFields.ContactChoice, "Form.ContactChoice", "contact", "anonymous"),
                Text(ReportFields.ContactName, "Form.ContactName"),
                Text(ReportFields.ContactEmail, "Form.ContactEmail", "email"),
            ]),

            // Last, so that the browser sends every text field before the files: a refused file still leaves the text.
            new FieldGroup("evidence", t["Form.Evidence"],
            [
                new FileField(ReportFields.Evidence, t["Form.Evidence.Label"], "image/*,video/*,application/pdf,text/plain,.log,.txt",
                    t.Format("Form.Evidence.Hint", limits.Value.MaxFiles, limits.Value.MaxFileBytes / (1024 * 1024))),
            ], refusal is null ? null : t["Form.Evidence.NotKept"]),
            new NoteField("confidential", t["Form.Confidential"]),
        ];

        return page.Form(new FormBlock(
            "/api/reports",
            t["Form.Send"],
            new Dictionary<string, string> { [ReportFields.Language] = t.Language },
            fields,
            refusal?.Fields ?? new Dictionary<string, string>(),
            t["Form.ErrorSummary"],
            "multipart/form-data"));
    }
}
