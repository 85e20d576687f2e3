using CocReports.Api.CaseActions;
using CocReports.Api.Limits;
using CocReports.Api.Pages;
using CocReports.Api.Requests;
using CocReports.Procedure.Links;
using CocReports.Procedure.Notifications;
using CocReports.Procedure.Rendering;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Resolution;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Timeline;
using CocReports.Procedure.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CocReports.Api.Status;

/// <summary>
/// /api/status: the reporter's view of their report, opened with reference and receipt code: its timeline, what the
/// committee sent, and its questions, which an anonymous reporter answers here. A wrong code and an unknown
/// reference get the same answer, after the same work, so the page can't be used to learn which references exist.
/// Each address has a budget of posts shared by every instance, and after too many wrong codes for one reference
/// from one address, wrong codes for it are answered "too many attempts"; the right code always opens the report, also
/// from an address over its budget (conference Wi-Fi, a carrier's shared address: others' posts spent it).
/// </summary>
public sealed class StatusPage(
    ICaseStates cases, ICaseMessages caseMessages, ITimeline timeline, ReceiptLookup lookup, ClientLimits limits, Answers answers, ActionLinks links, IOptions<WorkflowOptions> workflow, TimeProvider clock)
{
    public static IResult Show(HttpRequest request) =>
        AskForCode(request.Query["reference"].ToString(), StatusCodes.Status200OK, Texts.For(request.Query["lang"]));

    public async Task<IResult> OpenAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if ((await SmallForm.ReadAsync(request, cancellationToken)).Refusal is { } tooLarge)
        {
            return tooLarge;
        }

        var (refusal, report, form) = await CheckAsync(request, cancellationToken);
        return refusal ?? await RenderAsync(report!, form!["receiptCode"].ToString(), null, cancellationToken);
    }

    /// <summary>POST /api/status/answer: an answer to a committee question, from the status page.</summary>
    public async Task<IResult> AnswerAsync(HttpRequest request, ICaseWorkflow workflows, CancellationToken cancellationToken)
    {
        if ((await SmallForm.ReadAsync(request, cancellationToken)).Refusal is { } tooLarge)
        {
            return tooLarge;
        }

        var (refusal, report, form) = await CheckAsync(request, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var t = Texts.For(report!.Details.Language);
        if (!(await cases.GetCaseStateAsync(report.Reference, cancellationToken)).KeepsReplies)
        {
            // Posted from a page opened before the purge: the page shown now has no question to answer.
            await answers.RecordAfterClosingAsync(report.Reference, workflows, clock.GetUtcNow(), cancellationToken);
            return await RenderAsync(report, form!["receiptCode"].ToString(), t.Format("Closed.Reply", report.Reference), cancellationToken);
        }

        var errors = Answers.Validate(await caseMessages.GetMessagesAsync(report.Reference, cancellationToken), form!);
        if (errors.Count == 0)
        {
            await answers.RecordAsync(report.Reference, workflows, form!, clock.GetUtcNow(), cancellationToken);
        }

        var notice = errors.Count == 0 ? t["Status.Answer.Sent"] : string.Join(" ", errors.Values);
        return await RenderAsync(report, form!["receiptCode"].ToString(), notice, cancellationToken);
    }

    async Task<(IResult? Refusal, Report? Report, IFormCollection? Form)> CheckAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var overBudget = await limits.StatusAsync(request, cancellationToken);
        var form = request.HasFormContentType ? await request.ReadFormAsync(cancellationToken) : FormCollection.Empty;
        var t = Texts.For(form["lang"].ToString() is { Length: > 0 } lang ? lang : request.Query["lang"].ToString());
        var reference = form["reference"].ToString().Trim().ToUpperInvariant();
        var code = form["receiptCode"].ToString();
        if (overBudget is { } wait)
        {
            // Only a code that could be right is looked up: anything else from an address over its budget costs one
            // storage write, and a wrong one is not counted again.
            var found = ReceiptCode.IsWellFormed(code) ? await lookup.FindAsync(reference, code, cancellationToken) : null;
            return found is null ? (TooManyAttempts(reference, wait, t), null, null) : (null, found, form);
        }

        var report = await lookup.FindAsync(reference, code, cancellationToken);
        if (report is null)
        {
            return await limits.StatusFailureAsync(request, reference, cancellationToken) is { } failuresWait
                ? (TooManyAttempts(reference, failuresWait, t), null, null)
                : (AskForCode(reference, StatusCodes.Status404NotFound, t, t["Status.NotFound"]), null, null);
        }

        return (null, report, form);
    }

    static RetryAfter TooManyAttempts(string reference, TimeSpan wait, Texts t) =>
        new(AskForCode(reference, StatusCodes.Status429TooManyRequests, t, t.Format("Status.TooMany", t.Duration(TimeSpan.FromMinutes(Math.Max(1, Math.Ceiling(wait.TotalMinutes)))))), wait);

    async Task<IResult> RenderAsync(Report report, string receiptCode, string? notice, CancellationToken cancellationToken)
    {
        var t = Texts.For(report.Details.Language);
        var page = new HtmlPage(t.Format("Status.Title.Report", report.Reference), language: t.Language).Heading(t.Format("Status.Heading.Report", report.Reference));
        if (notice is not null)
        {
            page.Notice(notice);
        }

        page.Subheading(t["Status.Progress"]);
        foreach (var entry in (await timeline.ReadAsync(report.Reference, cancellationToken)).OrderBy(e => e.At))
        {
            if (entry.Step.ShownToReporter)
            {
                page.Field(Texts.Time(entry.At), t[$"Status.Step.{entry.Step.Name}"]);
            }
        }

        var messages = await caseMessages.GetMessagesAsync(report.Reference, cancellationToken);
        // Answers stand under their questions; the committee's own working (notes, interim measures) is never the reporter's to read.
        foreach (var message in messages.Where(m => m.ShownToReporter).OrderBy(m => m.At))
        {
            page.Subheading(t.Format($"Status.Message.{message.Kind}", Texts.Time(message.At)));
            foreach (var (label, value) in ReporterView.Fields(message, t))
            {
                page.Field(label, value);
            }

            if (message.Kind == CaseMessageKind.Question)
            {
                page.Field(t["Status.YourAnswer"], messages.FirstOrDefault(a => a.Kind == CaseMessageKind.Answer && a.InReplyTo == message.Id)?.Text ?? t["Status.NotAnswered"]);
            }
        }

        // An anonymous reporter has no mail to bring the appeal link: the status page offers it as long as it may be used.
        var state = await cases.GetCaseStateAsync(report.Reference, cancellationToken);
        if (report.Appeal is null && state.ResolvedAt is { } resolved
            && state.MayAppeal(AppealParty.Reporter, clock.GetUtcNow(), (report.Schedule ?? workflow.Value).AppealWindow))
        {
            var offer = AppealOffer.For(report, resolved, ActionLinks.Reporter, workflow.Value, links);
            page.Paragraph(t.Format("Appeal.Mail.Offer", Texts.Time(offer.Until))).Link(t["Appeal.Mail.Link"], offer.Link.PathAndQuery);
        }

        var open = Answers.Open(messages);
        if (open.Count > 0)
        {
            new ActionForm(t["Status.Answer.Heading"], t["Status.Answer.Explanation"], t["Status.Answer.Button"])
                .Choice("questionId", t["Status.Answer.Which"], [.. open.Select(q => (q.Id, q.Text))])
                .Text("answer", t["Status.Answer.Label"], required: true)
                .AppendTo(page, "/api/status/answer", new Dictionary<string, string> { ["reference"] = report.Reference, ["receiptCode"] = receiptCode, ["lang"] = t.Language });
        }

        return page;
    }

    static HtmlPage AskForCode(string reference, int status, Texts t, string? message = null)
    {
        var page = new HtmlPage(t["Status.Title"], status, t.Language).Heading(t["Status.Title"]);
        if (message is not null)
        {
            page.Notice(message);
        }

        return page.Form(
            "/api/status",
            t["Status.Open"],
            new Dictionary<string, string> { ["lang"] = t.Language },
            new FormInput("reference", t["Status.Reference"], Value: reference),
            new FormInput("receiptCode", t["Status.ReceiptCode"], "password"));
    }
}
