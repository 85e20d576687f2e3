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
public sealed class Answers(CaseDesk desk, ICaseMessages caseMessages)
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

    /// <summary>
    /// A reply that came after the purge: on the timeline, for the committee to see one came, without its text, which
    /// nothing would ever remove. The workflow has ended; there is no one to mail.
    /// </summary>
    public static readonly CaseChange AfterClosing = new()
    {
        Step = CaseStep.ReplyAfterClosing,
        Note = "Its text was not kept: the case's content was removed at the end of the retention period.",
    };

    /// <summary>An answer posted from the email link or the status page (checked by <see cref="Validate"/>).</summary>
    public static CaseChange Posted(IFormCollection form, DateTimeOffset now) => new()
    {
        Message = new CaseMessage
        {
            Id = CaseContext.NewMessageId(),
            Kind = CaseMessageKind.Answer,
            At = now,
            From = ActionLinks.Reporter,
            InReplyTo = FormValues.Text(form, "questionId"),
            Text = FormValues.Text(form, "answer")!,
        },
        Event = CaseEventKind.Answered,
    };

    /// <summary>An answer posted on the status page, where the receipt code stands in for a link: nothing to audit.</summary>
    public Task RecordAsync(string reference, ICaseWorkflow workflows, IFormCollection form, DateTimeOffset now, CancellationToken cancellationToken) =>
        desk.RecordAsync(reference, ActionLinks.Reporter, now, workflows, Posted(form, now), cancellationToken);

    /// <summary>
    /// A reply by email: it answers the oldest open question, or stands as a message of its own when none is open.
    /// <paramref name="id"/> names the email, so importing it twice records it once.
    /// </summary>
    public async Task RecordReplyAsync(string reference, ICaseWorkflow workflows, string id, string text, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var open = Open(await caseMessages.GetMessagesAsync(reference, cancellationToken));
        var answer = new CaseMessage
        {
            Id = id,
            Kind = CaseMessageKind.Answer,
            At = now,
            From = ActionLinks.Reporter,
            InReplyTo = open.OrderBy(q => q.At).FirstOrDefault()?.Id,
            Text = text,
        };
        await desk.RecordAsync(reference, ActionLinks.Reporter, now, workflows, new CaseChange { Message = answer, Event = CaseEventKind.Answered }, cancellationToken);
    }

    /// <summary>A reply (on the status page or by email) that came after the purge: see <see cref="AfterClosing"/>.</summary>
    public Task RecordAfterClosingAsync(string reference, ICaseWorkflow workflows, DateTimeOffset now, CancellationToken cancellationToken) =>
        desk.RecordAsync(reference, ActionLinks.Reporter, now, workflows, AfterClosing, cancellationToken);

    /// <summary>The committee's questions the reporter has not answered yet.</summary>
    public static List<CaseMessage> Open(IReadOnlyList<CaseMessage> messages) =>
        messages.Where(m => m.Kind == CaseMessageKind.Question && !messages.Any(a => a.Kind == CaseMessageKind.Answer && a.InReplyTo == m.Id)).ToList();
}
