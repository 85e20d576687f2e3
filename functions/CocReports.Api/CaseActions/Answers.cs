using CocReports.Procedure.Links;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Timeline;
using CocReports.Procedure.Workflow;
using Microsoft.AspNetCore.Http;

namespace CocReports.Api.CaseActions;

/// <summary>
/// Reporters' answers to the committee's questions, from the email link, the status page or a reply by email: one way
/// to record them. After the purge (<see cref="CaseState.KeepsReplies"/>) only their arrival is recorded.
/// </summary>
public sealed class Answers(CaseDesk desk, IReportStore reports)
{
    public static Dictionary<string, string> Validate(IReadOnlyList<CaseMessage> messages, IFormCollection form)
    {
        var errors = new Dictionary<string, string>();
        if (!Open(messages).Any(q => q.Id == FormValues.Text(form, "questionId")))
        {
            errors["questionId"] = "Please choose the question you are answering.";
        }

        if (FormValues.Text(form, "answer") is null)
        {
            errors["answer"] = "Please write your answer.";
        }

        return errors;
    }

    public async Task RecordAsync(string reference, ICaseWorkflow workflows, IFormCollection form, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var answer = new CaseMessage
        {
            Id = CaseContext.NewMessageId(),
            Kind = CaseMessageKind.Answer,
            At = now,
            From = ActionLinks.Reporter,
            InReplyTo = FormValues.Text(form, "questionId"),
            Text = FormValues.Text(form, "answer")!,
        };
        await desk.RecordAsync(reference, new CaseEvent(CaseEventKind.Answered, ActionLinks.Reporter, now, answer.Id), workflows, answer, cancellationToken);
    }

    /// <summary>
    /// A reply by email: it answers the oldest open question, or stands as a message of its own when none is open.
    /// <paramref name="id"/> names the email, so importing it twice records it once.
    /// </summary>
    public async Task RecordReplyAsync(string reference, ICaseWorkflow workflows, string id, string text, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var open = Open(await reports.GetMessagesAsync(reference, cancellationToken));
        var answer = new CaseMessage
        {
            Id = id,
            Kind = CaseMessageKind.Answer,
            At = now,
            From = ActionLinks.Reporter,
            InReplyTo = open.OrderBy(q => q.At).FirstOrDefault()?.Id,
            Text = text,
        };
        await desk.RecordAsync(reference, new CaseEvent(CaseEventKind.Answered, ActionLinks.Reporter, now, answer.Id), workflows, answer, cancellationToken);
    }

    /// <summary>
    /// A reply that came after the purge: on the timeline, for the committee to see one came, without its text, which
    /// nothing would ever remove. The workflow has ended; there is no one to mail.
    /// </summary>
    public Task RecordAfterClosingAsync(string reference, DateTimeOffset now, CancellationToken cancellationToken) =>
        desk.RecordStepAsync(reference, new TimelineEntry(now, CaseStep.ReplyAfterClosing, Note: "Its text was not kept: the case's content was removed at the end of the retention period."), cancellationToken);

    /// <summary>The committee's questions the reporter has not answered yet.</summary>
    public static List<CaseMessage> Open(IReadOnlyList<CaseMessage> messages) =>
        messages.Where(m => m.Kind == CaseMessageKind.Question && !messages.Any(a => a.Kind == CaseMessageKind.Answer && a.InReplyTo == m.Id)).ToList();
}
