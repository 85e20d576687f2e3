using CocReports.Procedure.Links;
using CocReports.Procedure.Mail;
using CocReports.Procedure.Reports;

namespace CocReports.Procedure.Notifications;

/// <summary>The emails committee members and escalation contacts receive about a report.</summary>
public static class CommitteeMail
{
    public static OutgoingMail ToMember(Report report, Recipient member, string memberId, CommitteeNoticeKind kind, int round, string community, ActionLinks links)
    {
        var body = new MailBody().Paragraph($"Hello {member.Name},").Paragraph(Opening(kind, community));
        ReportSummary.AppendTo(body, report)
            .Link("Acknowledge this report", links.Create(report.Reference, memberId, CaseAction.Acknowledge))
            .Paragraph("If you have a conflict of interest, do not open the report further: recuse yourself and you will receive nothing more about it.")
            .Link("Recuse myself from this report", links.Create(report.Reference, memberId, CaseAction.Recuse))
            .Paragraph("This report is confidential. Do not forward this email.");
        return new OutgoingMail(
            MessageId(report.Reference, kind, round, memberId),
            member,
            Subject(report, kind, community),
            body.Text,
            body.Html);
    }

    /// <summary>Escalation contacts see that a promise is slipping, or receive a report no member may see, without action links.</summary>
    public static OutgoingMail ToEscalationContact(Report report, Recipient contact, int contactIndex, CommitteeNoticeKind kind, int round, string community, bool withReport)
    {
        var body = new MailBody().Paragraph($"Hello {contact.Name},");
        body.Paragraph(withReport
            ? $"A Code of Conduct report to {community} cannot go to any committee member: every member was excluded by the reporter or has recused. You are receiving it as an escalation contact."
            : EscalationOpening(kind, community));
        if (withReport)
        {
            ReportSummary.AppendTo(body, report);
        }
        else
        {
            body.Field("Reference", report.Reference);
        }

        body.Paragraph("This is confidential. Do not forward this email.");
        return new OutgoingMail(
            MessageId(report.Reference, kind, round, $"escalation-{contactIndex}"),
            contact,
            Subject(report, kind, community),
            body.Text,
            body.Html);
    }

    static string Opening(CommitteeNoticeKind kind, string community) => kind switch
    {
        CommitteeNoticeKind.NewReport => $"A new Code of Conduct report was made to {community}. Please acknowledge it: we promise reporters an acknowledgment within 48 hours.",
        CommitteeNoticeKind.AcknowledgeReminder => "Reminder: this report has not been acknowledged yet. The reporter was promised an acknowledgment within 48 hours.",
        CommitteeNoticeKind.AcknowledgeOverdue => "This report is overdue: it was not acknowledged within the promised time. The escalation contacts have been told.",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    static string EscalationOpening(CommitteeNoticeKind kind, string community) => kind switch
    {
        CommitteeNoticeKind.AcknowledgeOverdue => $"A Code of Conduct report to {community} has not been acknowledged by the committee within the promised time. Please make sure someone takes it up.",
        _ => $"A Code of Conduct report to {community} needs attention.",
    };

    static string Subject(Report report, CommitteeNoticeKind kind, string community)
    {
        var urgent = report.Details.IsUrgent ? "URGENT: " : "";
        return kind switch
        {
            CommitteeNoticeKind.NewReport => $"{urgent}New Code of Conduct report {report.Reference} ({community})",
            CommitteeNoticeKind.AcknowledgeReminder => $"{urgent}Reminder: acknowledge report {report.Reference}",
            CommitteeNoticeKind.AcknowledgeOverdue => $"{urgent}Overdue: report {report.Reference} is not acknowledged",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    static string MessageId(string reference, CommitteeNoticeKind kind, int round, string recipient) =>
        $"{reference}.{kind}.{round}.{recipient}@coc-reports";
}
