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
/// </summary>
public static class CommitteeMail
{
    /// <param name="patterns">Earlier reports that may name the same person, already limited to those this member may see.</param>
    /// <param name="urgent">Whether the case is urgent now (<see cref="CaseState.IsUrgent"/>); by default, as the report said.</param>
    public static async Task<OutgoingMail> ToMemberAsync(Report report, Recipient member, string memberId, MemberNotice notice, string community, WorkflowOptions promises, ActionLinks links, Disclosure disclosure, CaseMessage? message = null, IReadOnlyList<PatternMatch>? patterns = null, bool? urgent = null)
    {
        var isUrgent = urgent ?? report.Details.IsUrgent;
        var body = new MailBody().Paragraph($"Hello {member.Name},").Paragraph(Opening(notice.Kind, community, promises, isUrgent));
        if (notice.Kind == CommitteeNoticeKind.NewReport)
        {
            ReportSummary.AppendTo(body, report, disclosure.Content);
            if (disclosure.Content != NotificationContent.Full)
            {
                body.Paragraph("What the reporter wrote, who they are, whom they report and their evidence are not sent by email: open the case to read them.");
            }
        }
        else
        {
            body.Field("Reference", report.Reference);
        }

        if (message is not null)
        {
            // The answer is the reporter's own words: only a mail that may carry the whole report carries it.
            if (disclosure.Content == NotificationContent.Full)
            {
                body.Field("The reporter's answer", message.Text);
            }
            else
            {
                body.Paragraph("Their answer is not sent by email: open the case to read it.");
            }
        }

        AppendPatterns(body, memberId, links, patterns);
        var link = (CaseAction action) => links.Create(report.Reference, memberId, action);
        body.Link("Open the case (report, evidence, timeline)", link(CaseAction.View));
        switch (notice.Kind)
        {
            case CommitteeNoticeKind.NewReport or CommitteeNoticeKind.AcknowledgeReminder or CommitteeNoticeKind.AcknowledgeOverdue or CommitteeNoticeKind.MarkedUrgent:
                body.Link("Acknowledge this report", link(CaseAction.Acknowledge));
                break;
            case CommitteeNoticeKind.FollowUpReminder or CommitteeNoticeKind.FollowUpOverdue:
                body.Link("Send the reporter the follow-up", link(CaseAction.FollowUp));
                break;
            case CommitteeNoticeKind.StatusUpdateReminder or CommitteeNoticeKind.StatusUpdateOverdue:
                body.Link("Send the reporter a status update", link(CaseAction.StatusUpdate));
                break;
            case CommitteeNoticeKind.ResponseEndingSoon or CommitteeNoticeKind.ResponseEnded:
                body.Link("Extend the response", link(CaseAction.ExtendResponse));
                break;
            case CommitteeNoticeKind.InterimMeasureRecorded or CommitteeNoticeKind.MeasureReviewReminder or CommitteeNoticeKind.MeasureReviewOverdue:
                body.Link("Confirm or lift the interim measure", link(CaseAction.ReviewMeasure));
                break;
        }

        // When someone may be in danger, any one member may act at once.
        if ((notice.Kind == CommitteeNoticeKind.NewReport && isUrgent) || notice.Kind == CommitteeNoticeKind.MarkedUrgent)
        {
            body.Link("Take an interim measure now (any one member may; the committee confirms it within a day)", link(CaseAction.InterimMeasure));
        }

        // A retention warning and a pattern on an earlier report may come after resolution: they only point to the case.
        if (notice.Kind is not (CommitteeNoticeKind.RetentionWarning or CommitteeNoticeKind.LegalHoldReview or CommitteeNoticeKind.StatementReceived or CommitteeNoticeKind.StatementWindowClosed or CommitteeNoticeKind.PatternFound or CommitteeNoticeKind.ResponseEndingSoon or CommitteeNoticeKind.ResponseEnded))
        {
            body.Link("Ask the reporter a question", link(CaseAction.Ask))
                .Link("Resolve the report", link(CaseAction.Resolve));
        }

        body.Paragraph("If you have a conflict of interest, recuse yourself: you will receive nothing more about this report, and your links stop working.")
            .Link("Recuse myself from this report", link(CaseAction.Recuse))
            .Paragraph("This report is confidential. Do not forward this email.")
            .Link("Transparency report (draft the yearly public report)", links.CreateTransparency(memberId));
        body.Link("Open cases", links.CreateOpenCases(memberId));
        return new OutgoingMail(MessageId(report.Reference, notice.Kind, notice.Occasion, memberId), member, Subject(report, notice.Kind, community, promises, isUrgent), body.Text, await body.RenderHtmlAsync(Texts.Default))
        {
            OpenPgpKey = disclosure.OpenPgpKey,
        };
    }

    static void AppendPatterns(MailBody body, string memberId, ActionLinks links, IReadOnlyList<PatternMatch>? patterns)
    {
        if (patterns is not { Count: > 0 })
        {
            return;
        }

        body.Paragraph("The reported person may be named in other reports you can see:");
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
    public static async Task<OutgoingMail> ToEscalationContactAsync(Report report, Recipient contact, EscalationNotice notice, string community, WorkflowOptions promises, bool withReport, Disclosure disclosure, bool? urgent = null)
    {
        var body = new MailBody().Paragraph($"Hello {contact.Name},");
        body.Paragraph(withReport
            ? $"A Code of Conduct report to {community} is handed to you: fewer committee members than the community's quorum may handle it (those the reporter excluded or who recused are not counted). You are receiving it as an escalation contact; please see that it is handled."
            : $"A Code of Conduct report to {community} is overdue: {Overdue(notice.Kind, promises)} Please make sure someone takes it up.");
        if (withReport)
        {
            ReportSummary.AppendTo(body, report, disclosure.Content);
            if (disclosure.Content != NotificationContent.Full)
            {
                body.Paragraph("What the reporter wrote is not sent by email under this community's settings, and escalation contacts have no case page. "
                    + "To receive such reports whole, encrypted, give the person who runs this service your OpenPGP public key.");
            }
        }
        else
        {
            body.Field("Reference", report.Reference);
        }

        body.Paragraph("This is confidential. Do not forward this email.");
        var kind = withReport ? CommitteeNoticeKind.HandedToEscalation : notice.Kind;
        return new OutgoingMail(MessageId(report.Reference, kind, notice.Occasion, $"escalation-{notice.ContactIndex}"), contact, Subject(report, kind, community, promises, urgent ?? report.Details.IsUrgent, toContact: true), body.Text, await body.RenderHtmlAsync(Texts.Default))
        {
            OpenPgpKey = disclosure.OpenPgpKey,
        };
    }

    static string Opening(CommitteeNoticeKind kind, string community, WorkflowOptions promises, bool urgent) => kind switch
    {
        CommitteeNoticeKind.NewReport => $"A new Code of Conduct report was made to {community}. Please acknowledge it: we promise {(urgent ? "this reporter" : "reporters")} an acknowledgment within {Duration(promises.AcknowledgeWithinFor(urgent))}.",
        CommitteeNoticeKind.AcknowledgeReminder => $"Reminder: this report has not been acknowledged yet. The reporter was promised an acknowledgment within {Duration(promises.AcknowledgeWithinFor(urgent))}.",
        CommitteeNoticeKind.AcknowledgeOverdue => "This report is overdue: it was not acknowledged within the promised time. The escalation contacts have been told.",
        CommitteeNoticeKind.FollowUpReminder => $"Reminder: the reporter is owed a follow-up within {Duration(promises.FollowUpWithin)} of the report: whether the committee discussed it, whether it was a violation, and what actions were taken.",
        CommitteeNoticeKind.FollowUpOverdue => $"This report is overdue: the reporter did not get a follow-up within {Duration(promises.FollowUpWithin)}. The escalation contacts have been told.",
        CommitteeNoticeKind.StatusUpdateReminder => "Reminder: the reporter was promised a status update or the resolution by today.",
        CommitteeNoticeKind.StatusUpdateOverdue => "This report is overdue: the promised status update did not come. The escalation contacts have been told.",
        CommitteeNoticeKind.AnswerReceived => "The reporter answered the committee's question.",
        CommitteeNoticeKind.PatternFound => "Another report may name the same person as this one. You are told because you may see both reports; members who may not see one of them are not told.",
        CommitteeNoticeKind.HandedToEscalation => "This report was handed to the escalation contacts: from now on they receive it and every notice about it, and see that it is handled. You can still open it and act on it.",
        CommitteeNoticeKind.ResponseEndingSoon => $"The response decided on this report ends (or is due for review) in {Duration(promises.ResponseRemindBefore)}. Open the case to see it and its conditions for return.",
        CommitteeNoticeKind.ResponseEnded => "The response decided on this report has ended today (or is due for review). Were its conditions for return met? If not, extend it; if they were, nothing more is needed.",
        CommitteeNoticeKind.MarkedUrgent => $"A committee member marked this report urgent: someone may be in danger. If it is not acknowledged yet, it is owed its acknowledgment within {Duration(promises.AcknowledgeWithinFor(urgent: true))} from now; an overdue promise is escalated every {Duration(promises.UrgentRepeatEvery)}; and any one member may take an interim measure at once.",
        CommitteeNoticeKind.InterimMeasureRecorded => $"A committee member took an interim measure on this report, without waiting for the others. The committee must confirm or lift it within {Duration(promises.MeasureReviewWithin)}: open the case to read what was done and until when.",
        CommitteeNoticeKind.MeasureReviewReminder => $"Reminder: the interim measure on this report awaits the committee's review. It must be confirmed or lifted within {Duration(promises.MeasureReviewWithin)} of being taken.",
        CommitteeNoticeKind.MeasureReviewOverdue => $"The interim measure on this report was not confirmed or lifted within {Duration(promises.MeasureReviewWithin)}. The escalation contacts have been told.",
        CommitteeNoticeKind.RetentionWarning => $"The evidence of this resolved report will be deleted in {Duration(promises.RetentionWarningBefore)}, at the end of the retention period. The outcome record is kept. Download anything the committee must keep before then.",
        CommitteeNoticeKind.LegalHoldReview => Texts.For(Texts.Default)["CommitteeMail.LegalHoldReview.Text"],
        CommitteeNoticeKind.StatementReceived => Texts.For(Texts.Default)["CommitteeMail.StatementReceived.Text"],
        CommitteeNoticeKind.StatementWindowClosed => Texts.For(Texts.Default)["CommitteeMail.StatementWindowClosed.Text"],
        _ => "There is news about this report.",
    };

    static string Overdue(CommitteeNoticeKind kind, WorkflowOptions promises) => kind switch
    {
        CommitteeNoticeKind.AcknowledgeOverdue => "the committee has not acknowledged it within the promised time.",
        CommitteeNoticeKind.FollowUpOverdue => $"the reporter did not get a follow-up within {Duration(promises.FollowUpWithin)}.",
        CommitteeNoticeKind.MeasureReviewOverdue => $"an interim measure one member took was not confirmed or lifted by the committee within {Duration(promises.MeasureReviewWithin)}.",
        _ => "the reporter did not get the status update they were promised.",
    };

    /// <param name="toContact">An escalation contact's subject: a report handed over is named as theirs now, where a member is told it was handed over.</param>
    static string Subject(Report report, CommitteeNoticeKind kind, string community, WorkflowOptions promises, bool isUrgent, bool toContact = false)
    {
        var urgent = isUrgent ? "URGENT: " : "";
        var about = kind switch
        {
            CommitteeNoticeKind.NewReport => $"New Code of Conduct report {report.Reference} ({community})",
            CommitteeNoticeKind.AcknowledgeReminder => $"Reminder: acknowledge report {report.Reference}",
            CommitteeNoticeKind.AcknowledgeOverdue => $"Overdue: report {report.Reference} is not acknowledged",
            CommitteeNoticeKind.FollowUpReminder => $"Reminder: follow up on report {report.Reference}",
            CommitteeNoticeKind.FollowUpOverdue => $"Overdue: no follow-up on report {report.Reference}",
            CommitteeNoticeKind.StatusUpdateReminder => $"Reminder: status update due on report {report.Reference}",
            CommitteeNoticeKind.StatusUpdateOverdue => $"Overdue: no status update on report {report.Reference}",
            CommitteeNoticeKind.AnswerReceived => $"The reporter answered on report {report.Reference}",
            CommitteeNoticeKind.PatternFound => $"Report {report.Reference} may name the same person as another report",
            CommitteeNoticeKind.ResponseEndingSoon => $"The response on report {report.Reference} ends in {Duration(promises.ResponseRemindBefore)}",
            CommitteeNoticeKind.ResponseEnded => $"The response on report {report.Reference} has ended: were its conditions met?",
            CommitteeNoticeKind.MarkedUrgent => $"Report {report.Reference} was marked urgent by a committee member",
            CommitteeNoticeKind.InterimMeasureRecorded => $"Interim measure taken on report {report.Reference}: confirm or lift it",
            CommitteeNoticeKind.MeasureReviewReminder => $"Reminder: review the interim measure on report {report.Reference}",
            CommitteeNoticeKind.MeasureReviewOverdue => $"Overdue: the interim measure on report {report.Reference} is not reviewed",
            CommitteeNoticeKind.RetentionWarning => $"Evidence of report {report.Reference} will be deleted in {Duration(promises.RetentionWarningBefore)}",
            CommitteeNoticeKind.LegalHoldReview => Texts.For(Texts.Default).Format("CommitteeMail.LegalHoldReview.Subject", report.Reference),
            CommitteeNoticeKind.StatementReceived => Texts.For(Texts.Default).Format("CommitteeMail.StatementReceived.Subject", report.Reference),
            CommitteeNoticeKind.StatementWindowClosed => Texts.For(Texts.Default).Format("CommitteeMail.StatementWindowClosed.Subject", report.Reference),
            CommitteeNoticeKind.HandedToEscalation when toContact => $"Code of Conduct report {report.Reference} for the escalation contacts ({community})",
            CommitteeNoticeKind.HandedToEscalation => $"Report {report.Reference} was handed to the escalation contacts ({community})",
            _ => $"Report {report.Reference}",
        };
        return urgent + about;
    }

    // The committee reads the community's language; English is the one shipped for the committee so far.
    static string Duration(TimeSpan span) => Texts.For(Texts.Default).Duration(span);

    /// <summary>The Message-ID of a member's mail: one per report, kind, occasion and member, so the ledger sends it once.</summary>
    public static string MessageId(MemberNotice notice) => MessageId(notice.Reference, notice.Kind, notice.Occasion, notice.MemberId);

    static string MessageId(string reference, CommitteeNoticeKind kind, string occasion, string recipient) =>
        $"{reference}.{kind}.{occasion}.{recipient}@coc-reports";
}
