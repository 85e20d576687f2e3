using System.Globalization;
using CocReports.Api.CaseActions;
using CocReports.Api.Limits;
using CocReports.Api.Pages;
using CocReports.Api.Requests;
using CocReports.Procedure.Notifications;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Timeline;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace CocReports.Api.Status;

/// <summary>
/// /api/status: the reporter's view of their report, opened with reference and receipt code: its timeline, what the
/// committee sent, and its questions, which an anonymous reporter answers here. A wrong code and an unknown
/// reference get the same answer, after the same work, so the page can't be used to learn which references exist.
/// Each address has a budget of posts shared by every instance, and after too many wrong codes for one reference
/// from one address, wrong codes for it are answered "too many attempts"; the right code always opens the report.
/// </summary>
public sealed class StatusPage(IReportStore reports, ITimeline timeline, ReceiptLookup lookup, ClientLimits limits, Answers answers, TimeProvider clock)
{
    /// <summary>Steps a reporter may see; internal ones (reminders, escalations, recusals) stay with the committee.</summary>
    static readonly Dictionary<string, string> Visible = new(StringComparer.Ordinal)
    {
        ["Received"] = "Your report was received.",
        ["Acknowledged"] = "The committee acknowledged your report and will discuss it.",
        ["FollowedUp"] = "The committee followed up.",
        ["StatusUpdated"] = "The committee sent a status update.",
        ["QuestionAsked"] = "The committee asked you a question.",
        ["Answered"] = "You answered a question.",
        ["Resolved"] = "Your report was resolved.",
    };

    public static IResult Show(HttpRequest request) =>
        AskForCode(request.Query["reference"].ToString(), StatusCodes.Status200OK);

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
    public async Task<IResult> AnswerAsync(HttpRequest request, DurableTaskClient workflows, CancellationToken cancellationToken)
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

        var errors = Answers.Validate(await reports.GetMessagesAsync(report!.Reference, cancellationToken), form!);
        if (errors.Count == 0)
        {
            await answers.RecordAsync(report.Reference, workflows, form!, clock.GetUtcNow(), cancellationToken);
        }

        var notice = errors.Count == 0 ? "Thank you. Your answer was sent to the committee." : string.Join(" ", errors.Values);
        return await RenderAsync(report, form!["receiptCode"].ToString(), notice, cancellationToken);
    }

    async Task<(IResult? Refusal, Report? Report, IFormCollection? Form)> CheckAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // Counted before the form is read: an address over its budget costs one storage write, nothing more.
        if (await limits.StatusAsync(request, cancellationToken) is { } wait)
        {
            return (TooManyAttempts("", wait), null, null);
        }

        var form = request.HasFormContentType ? await request.ReadFormAsync(cancellationToken) : FormCollection.Empty;
        var reference = form["reference"].ToString().Trim().ToUpperInvariant();
        var report = await lookup.FindAsync(reference, form["receiptCode"].ToString(), cancellationToken);
        if (report is null)
        {
            return await limits.StatusFailureAsync(request, reference, cancellationToken) is { } failuresWait
                ? (TooManyAttempts(reference, failuresWait), null, null)
                : (AskForCode(reference, StatusCodes.Status404NotFound, "We could not find a report with this reference and receipt code. Check both and try again."), null, null);
        }

        return (null, report, form);
    }

    static RetryAfter TooManyAttempts(string reference, TimeSpan wait) =>
        new(AskForCode(reference, StatusCodes.Status429TooManyRequests, $"Too many attempts. Please wait {Minutes(wait)} and try again."), wait);

    static string Minutes(TimeSpan wait) =>
        RetryAfter.Seconds(wait) <= 60 ? "a minute" : string.Create(CultureInfo.InvariantCulture, $"{Math.Ceiling(wait.TotalMinutes):0} minutes");

    async Task<IResult> RenderAsync(Report report, string receiptCode, string? notice, CancellationToken cancellationToken)
    {
        var page = new HtmlPage($"Report {report.Reference}").Heading($"Your report {report.Reference}");
        if (notice is not null)
        {
            page.Paragraph(notice);
        }

        foreach (var entry in (await timeline.ReadAsync(report.Reference, cancellationToken)).OrderBy(e => e.At))
        {
            if (Visible.TryGetValue(entry.Step, out var text))
            {
                page.Field(Time(entry.At), text);
            }
        }

        var messages = await reports.GetMessagesAsync(report.Reference, cancellationToken);
        foreach (var message in messages.OrderBy(m => m.At))
        {
            switch (message.Kind)
            {
                case CaseMessageKind.FollowUp:
                    page.Heading("Follow-up from the committee")
                        .Field("Has the committee discussed it?", message.Discussed == true ? "Yes" : "Not yet")
                        .Field("Was it found to be a violation?", ReporterMail.Describe(message.Violation))
                        .Field("Actions taken", message.Actions)
                        .Field("Message", message.Text)
                        .Field("Next update or resolution by", ReporterMail.Date(message.NextUpdateBy));
                    break;
                case CaseMessageKind.StatusUpdate:
                    page.Heading($"Status update, {Time(message.At)}")
                        .Field("Update", message.Text)
                        .Field("Next update or resolution by", ReporterMail.Date(message.NextUpdateBy));
                    break;
                case CaseMessageKind.Question:
                    page.Heading("A question from the committee").Field("Question", message.Text)
                        .Field("Your answer", messages.FirstOrDefault(a => a.Kind == CaseMessageKind.Answer && a.InReplyTo == message.Id)?.Text ?? "(not answered yet)");
                    break;
                case CaseMessageKind.Resolution:
                    page.Heading("Resolution")
                        .Field("Was it found to be a violation?", ReporterMail.Describe(message.Violation))
                        .Field("Actions taken", message.Actions)
                        .Field("Message", message.Text);
                    break;
            }
        }

        var open = Answers.Open(messages);
        if (open.Count > 0)
        {
            var form = new ActionForm("Answer the committee", "Your answer goes to the committee members handling your report. You don't have to answer.", "Send my answer")
                .Choice("questionId", "Which question are you answering?", [.. open.Select(q => (q.Id, q.Text))])
                .Text("answer", "Your answer", required: true);
            page.Markup(form.Render("/api/status/answer", hidden: new Dictionary<string, string> { ["reference"] = report.Reference, ["receiptCode"] = receiptCode }));
        }

        return page;
    }

    static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    static HtmlPage AskForCode(string reference, int status, string? message = null)
    {
        var page = new HtmlPage("Follow your report", status).Heading("Follow your report");
        if (message is not null)
        {
            page.Paragraph(message);
        }

        return page.Form(
            "/api/status",
            "Open my report",
            new Dictionary<string, string>(),
            new FormInput("reference", "Reference", Value: reference),
            new FormInput("receiptCode", "Receipt code", "password"));
    }
}
