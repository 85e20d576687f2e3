using CocReports.Procedure.Links;
using CocReports.Procedure.Mail;
using CocReports.Procedure.Patterns;
using CocReports.Procedure.Rendering;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Workflow;

namespace CocReports.Procedure.Notifications;

/// <summary>
/// The emails committee members and escalation contacts receive. Only the first one carries the report, and only as much
/// of it as the recipient's <see cref="Disclosure"/> allows; later ones carry the reference and a link to the case page.
/// Subjects name the reference, the urgency and the step at every level: a subject is shown in notification previews
/// and stays readable in an encrypted mail. Every promise is quoted from the community's <see cref="WorkflowOptions"/>.
/// Written in the reader's words (the <c>t</c> of each method, English when not given): a member's own language, the
/// committee's for an escalation contact (<see cref="Committee.CommitteeOptions.TextsFor"/>).
/// </summary>
public static class CommitteeMail
{
    /// <param name="patterns">Earlier reports that may name the same person, already limited to those this member may see.</param>
    /// <param name="urgent">Whether the case is urgent now (<see cref="CaseState.IsUrgent"/>); by default, as the report said.</param>
    /// <param name="t">The member's words; English when not given.</param>
    public static async Task<OutgoingMail> ToMemberAsync(Report report, Recipient member, string memberId, MemberNotice notice, string community, WorkflowOptions promises, ActionLinks links, Disclosure disclosure, CaseMessage? message = null, IReadOnlyList<PatternMatch>? patterns = null, bool? urgent = null, Texts? t = null)
    {
        t ??= Texts.For(Texts.Default);
        var isUrgent = urgent ?? report.Details.IsUrgent;
        var body = new MailBody().Paragraph(t.Format("CommitteeMail.Hello", member.Name)).Paragraph(Opening(notice.Kind, community, promises, isUrgent, t));
        if (notice.Kind == CommitteeNoticeKind.NewReport)
        {
            ReportSummary.AppendTo(body, report, disclosure.Content, t);
            if (disclosure.Content != NotificationContent.Full)
            {
                body.Paragraph(t["CommitteeMail.NotEmailed"]);
            }
        }
        else
        {
            body.Field(t["CommitteeMail.Reference"], report.Reference);
        }

        if (message is not null)
        {
            // The answer is the reporter's own words: only a mail that may carry the whole report carries it.
            if (disclosure.Content == NotificationContent.Full)
            {
                body.Field(t["CommitteeMail.Answer"], message.Text);
            }
            else
            {
                body.Paragraph(t["CommitteeMail.Answer.NotEmailed"]);
            }
        }

        AppendPatterns(body, memberId, links, patterns, t);
        var link = (CaseAction action) => links.Create(report.Reference, memberId, action);
        body.Link(t["CommitteeMail.Link.View"], link(CaseAction.View));
        switch (notice.Kind)
        {
            case CommitteeNoticeKind.NewReport or CommitteeNoticeKind.AcknowledgeReminder or CommitteeNoticeKind.AcknowledgeOverdue or CommitteeNoticeKind.MarkedUrgent:
                body.Link(t["CommitteeMail.Link.Acknowledge"], link(CaseAction.Acknowledge));
                break;
            case CommitteeNoticeKind.FollowUpReminder or CommitteeNoticeKind.FollowUpOverdue:
                body.Link(t["CommitteeMail.Link.FollowUp"], link(CaseAction.FollowUp));
                break;
            case CommitteeNoticeKind.StatusUpdateReminder or CommitteeNoticeKind.StatusUpdateOverdue:
                body.Link(t["CommitteeMail.Link.StatusUpdate"], link(CaseAction.StatusUpdate));
                break;
            case CommitteeNoticeKind.ResponseEndingSoon or CommitteeNoticeKind.ResponseEnded:
                body.Link(t["CommitteeMail.Link.ExtendResponse"], link(CaseAction.ExtendResponse));
                break;
            case CommitteeNoticeKind.InterimMeasureRecorded or CommitteeNoticeKind.MeasureReviewReminder or CommitteeNoticeKind.MeasureReviewOverdue:
                body.Link(t["CommitteeMail.Link.ReviewMeasure"], link(CaseAction.ReviewMeasure));
                break;
        }

        // When someone may be in danger, any one member may act at once.
        if ((notice.Kind == CommitteeNoticeKind.NewReport && isUrgent) || notice.Kind == CommitteeNoticeKind.MarkedUrgent)
        {
            body.Link(t["CommitteeMail.Link.InterimMeasure"], link(CaseAction.InterimMeasure));
        }

        // A retention warning and a pattern on an earlier report may come after resolution: they only point to the case.
        if (notice.Kind is not (CommitteeNoticeKind.RetentionWarning or CommitteeNoticeKind.LegalHoldReview or CommitteeNoticeKind.StatementReceived or CommitteeNoticeKind.StatementWindowClosed or CommitteeNoticeKind.PatternFound or CommitteeNoticeKind.ResponseEndingSoon or CommitteeNoticeKind.ResponseEnded))
        {
            body.Link(t["CommitteeMail.Link.Ask"], link(CaseAction.Ask))
                .Link(t["CommitteeMail.Link.Resolve"], link(CaseAction.Resolve));
        }

        body.Paragraph(t["CommitteeMail.RecuseIf"])
            .Link(t["CommitteeMail.Link.Recuse"], link(CaseAction.Recuse))
            .Paragraph(t["CommitteeMail.Confidential"])
            .Link(t["CommitteeMail.Link.Transparency"], links.CreateTransparency(memberId));
        body.Link(t["CommitteeMail.Link.OpenCases"], links.CreateOpenCases(memberId));
        return new OutgoingMail(MessageId(report.Reference, notice.Kind, notice.Occasion, memberId), member, Subject(report, notice.Kind, community, promises, isUrgent, t), body.Text, await body.RenderHtmlAsync(t.Language))
        {
            OpenPgpKey = disclosure.OpenPgpKey,
        };
    }

    static void AppendPatterns(MailBody body, string memberId, ActionLinks links, IReadOnlyList<PatternMatch>? patterns, Texts t)
    {
        if (patterns is not { Count: > 0 })
        {
            return;
        }

        body.Paragraph(t["CommitteeMail.Patterns"]);
        foreach (var match in patterns)
        {
            body.Link(match.Line, links.Create(match.Reference, memberId, CaseAction.View));
        }
    }

    /// <summary>
    /// Escalation contacts see that a promise is slipping, or receive a report no member may see, without action links.
    /// They have no case page: below Full they learn what the <see cref="Disclosure"/> allows and that the rest is not
    /// emailed; a contact who configured an OpenPGP key receives the whole report, encrypted.
    /// </summary>
    /// <param name="urgent">As on <see cref="ToMemberAsync"/>.</param>
    /// <param name="t">The committee's words; English when not given.</param>
    public static async Task<OutgoingMail> ToEscalationContactAsync(Report report, Recipient contact, EscalationNotice notice, string community, WorkflowOptions promises, bool withReport, Disclosure disclosure, bool? urgent = null, Texts? t = null)
    {
        t ??= Texts.For(Texts.Default);
        var body = new MailBody().Paragraph(t.Format("CommitteeMail.Hello", contact.Name));
        body.Paragraph(withReport
            ? t.Format("CommitteeMail.Escalation.HandedOver", community)
            : t.Format("CommitteeMail.Escalation.Overdue", community, Overdue(notice.Kind, promises, t)));
        if (withReport)
        {
            ReportSummary.AppendTo(body, report, disclosure.Content, t);
            if (disclosure.Content != NotificationContent.Full)
            {
                body.Paragraph(t["CommitteeMail.Escalation.NotEmailed"]);
            }
        }
        else
        {
            body.Field(t["CommitteeMail.Reference"], report.Reference);
        }

        body.Paragraph(t["CommitteeMail.Escalation.Confidential"]);
        var kind = withReport ? CommitteeNoticeKind.HandedToEscalation : notice.Kind;
        return new OutgoingMail(MessageId(report.Reference, kind, notice.Occasion, $"escalation-{notice.ContactIndex}"), contact, Subject(report, kind, community, promises, urgent ?? report.Details.IsUrgent, t, toContact: true), body.Text, await body.RenderHtmlAsync(t.Language))
        {
            OpenPgpKey = disclosure.OpenPgpKey,
        };
    }

    static string Opening(CommitteeNoticeKind kind, string community, WorkflowOptions promises, bool urgent, Texts t) => kind switch
    {
        CommitteeNoticeKind.NewReport => t.Format(urgent ? "CommitteeMail.Opening.NewReport.Urgent" : "CommitteeMail.Opening.NewReport", community, t.Duration(promises.AcknowledgeWithinFor(urgent))),
        CommitteeNoticeKind.AcknowledgeReminder => t.Format("CommitteeMail.Opening.AcknowledgeReminder", t.Duration(promises.AcknowledgeWithinFor(urgent))),
        CommitteeNoticeKind.AcknowledgeOverdue => t["CommitteeMail.Opening.AcknowledgeOverdue"],
        CommitteeNoticeKind.FollowUpReminder => t.Format("CommitteeMail.Opening.FollowUpReminder", t.Duration(promises.FollowUpWithin)),
        CommitteeNoticeKind.FollowUpOverdue => t.Format("CommitteeMail.Opening.FollowUpOverdue", t.Duration(promises.FollowUpWithin)),
        CommitteeNoticeKind.StatusUpdateReminder => t["CommitteeMail.Opening.StatusUpdateReminder"],
        CommitteeNoticeKind.StatusUpdateOverdue => t["CommitteeMail.Opening.StatusUpdateOverdue"],
        CommitteeNoticeKind.AnswerReceived => t["CommitteeMail.Opening.AnswerReceived"],
        CommitteeNoticeKind.PatternFound => t["CommitteeMail.Opening.PatternFound"],
        CommitteeNoticeKind.HandedToEscalation => t["CommitteeMail.Opening.HandedToEscalation"],
        CommitteeNoticeKind.ResponseEndingSoon => t.Format("CommitteeMail.Opening.ResponseEndingSoon", t.Duration(promises.ResponseRemindBefore)),
        CommitteeNoticeKind.ResponseEnded => t["CommitteeMail.Opening.ResponseEnded"],
        CommitteeNoticeKind.MarkedUrgent => t.Format("CommitteeMail.Opening.MarkedUrgent", t.Duration(promises.AcknowledgeWithinFor(urgent: true)), t.Duration(promises.UrgentRepeatEvery)),
        CommitteeNoticeKind.InterimMeasureRecorded => t.Format("CommitteeMail.Opening.InterimMeasureRecorded", t.Duration(promises.MeasureReviewWithin)),
        CommitteeNoticeKind.MeasureReviewReminder => t.Format("CommitteeMail.Opening.MeasureReviewReminder", t.Duration(promises.MeasureReviewWithin)),
        CommitteeNoticeKind.MeasureReviewOverdue => t.Format("CommitteeMail.Opening.MeasureReviewOverdue", t.Duration(promises.MeasureReviewWithin)),
        CommitteeNoticeKind.RetentionWarning => t.Format("CommitteeMail.Opening.RetentionWarning", t.Duration(promises.RetentionWarningBefore)),
        CommitteeNoticeKind.LegalHoldReview => t["CommitteeMail.LegalHoldReview.Text"],
        CommitteeNoticeKind.StatementReceived => t["CommitteeMail.StatementReceived.Text"],
        CommitteeNoticeKind.StatementWindowClosed => t["CommitteeMail.StatementWindowClosed.Text"],
        _ => t["CommitteeMail.Opening.Other"],
    };

    // What slipped, as the clause after "is overdue:" in CommitteeMail.Escalation.Overdue.
    static string Overdue(CommitteeNoticeKind kind, WorkflowOptions promises, Texts t) => kind switch
    {
        CommitteeNoticeKind.AcknowledgeOverdue => t["CommitteeMail.Escalation.Overdue.Acknowledge"],
        CommitteeNoticeKind.FollowUpOverdue => t.Format("CommitteeMail.Escalation.Overdue.FollowUp", t.Duration(promises.FollowUpWithin)),
        CommitteeNoticeKind.MeasureReviewOverdue => t.Format("CommitteeMail.Escalation.Overdue.MeasureReview", t.Duration(promises.MeasureReviewWithin)),
        _ => t["CommitteeMail.Escalation.Overdue.StatusUpdate"],
    };

    /// <param name="toContact">An escalation contact's subject: a report handed over is named as theirs now, where a member is told it was handed over.</param>
    static string Subject(Report report, CommitteeNoticeKind kind, string community, WorkflowOptions promises, bool isUrgent, Texts t, bool toContact = false)
    {
        var reference = report.Reference;
        var about = kind switch
        {
            CommitteeNoticeKind.NewReport when report.Appeal is { } appeal => t.Format("CommitteeMail.Subject.NewAppeal", reference, appeal.Of, community),
            CommitteeNoticeKind.NewReport => t.Format("CommitteeMail.Subject.NewReport", reference, community),
            CommitteeNoticeKind.AcknowledgeReminder => t.Format("CommitteeMail.Subject.AcknowledgeReminder", reference),
            CommitteeNoticeKind.AcknowledgeOverdue => t.Format("CommitteeMail.Subject.AcknowledgeOverdue", reference),
            CommitteeNoticeKind.FollowUpReminder => t.Format("CommitteeMail.Subject.FollowUpReminder", reference),
            CommitteeNoticeKind.FollowUpOverdue => t.Format("CommitteeMail.Subject.FollowUpOverdue", reference),
            CommitteeNoticeKind.StatusUpdateReminder => t.Format("CommitteeMail.Subject.StatusUpdateReminder", reference),
            CommitteeNoticeKind.StatusUpdateOverdue => t.Format("CommitteeMail.Subject.StatusUpdateOverdue", reference),
            CommitteeNoticeKind.AnswerReceived => t.Format("CommitteeMail.Subject.AnswerReceived", reference),
            CommitteeNoticeKind.PatternFound => t.Format("CommitteeMail.Subject.PatternFound", reference),
            CommitteeNoticeKind.ResponseEndingSoon => t.Format("CommitteeMail.Subject.ResponseEndingSoon", reference, t.Duration(promises.ResponseRemindBefore)),
            CommitteeNoticeKind.ResponseEnded => t.Format("CommitteeMail.Subject.ResponseEnded", reference),
            CommitteeNoticeKind.MarkedUrgent => t.Format("CommitteeMail.Subject.MarkedUrgent", reference),
            CommitteeNoticeKind.InterimMeasureRecorded => t.Format("CommitteeMail.Subject.InterimMeasureRecorded", reference),
            CommitteeNoticeKind.MeasureReviewReminder => t.Format("CommitteeMail.Subject.MeasureReviewReminder", reference),
            CommitteeNoticeKind.MeasureReviewOverdue => t.Format("CommitteeMail.Subject.MeasureReviewOverdue", reference),
            CommitteeNoticeKind.RetentionWarning => t.Format("CommitteeMail.Subject.RetentionWarning", reference, t.Duration(promises.RetentionWarningBefore)),
            CommitteeNoticeKind.LegalHoldReview => t.Format("CommitteeMail.LegalHoldReview.Subject", reference),
            CommitteeNoticeKind.StatementReceived => t.Format("CommitteeMail.StatementReceived.Subject", reference),
            CommitteeNoticeKind.StatementWindowClosed => t.Format("CommitteeMail.StatementWindowClosed.Subject", reference),
            CommitteeNoticeKind.HandedToEscalation when toContact => t.Format("CommitteeMail.Subject.HandedToEscalation.ToContact", reference, community),
            CommitteeNoticeKind.HandedToEscalation => t.Format("CommitteeMail.Subject.HandedToEscalation", reference, community),
            _ => t.Format("CommitteeMail.Subject.Other", reference),
        };

        // The prefix leads in every language, so mail filters and previews catch an urgent case first.
        return isUrgent ? t.Format("CommitteeMail.Subject.Urgent", about) : about;
    }

    /// <summary>The Message-ID of a member's mail: one per report, kind, occasion and member, so the ledger sends it once.</summary>
    public static string MessageId(MemberNotice notice) => MessageId(notice.Reference, notice.Kind, notice.Occasion, notice.MemberId);

    static string MessageId(string reference, CommitteeNoticeKind kind, string occasion, string recipient) =>
        $"{reference}.{kind}.{occasion}.{recipient}@coc-reports";
}
