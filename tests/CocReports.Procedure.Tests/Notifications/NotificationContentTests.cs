using CocReports.Procedure.Mail;
using CocReports.Procedure.Notifications;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Workflow;
using static CocReports.Procedure.Tests.Samples;

namespace CocReports.Procedure.Tests.Notifications;

/// <summary>Notifications:Content decides how much of a report committee mail carries; a member's OpenPGP key lifts it to Full.</summary>
public class NotificationContentTests
{
    const string Reference = "COC-AB12-CD34";

    /// <summary>A distinctive value in every field a reporter (or an organizer for them) can type, and every file name they send.</summary>
    static readonly string[] Typed =
    [
        "Quentin Typedname", "quentin.typed@example.org", "Tuesday-typed-evening", "Typed-hall-location", "Typed-narrative-words",
        "Typed-circumstances", "Typed-witness-names", "Typed-reported-handle", "Typed-event-name", "Typed-online-space",
        "https://chat.example.org/typed-link", "Typed-safety-concerns", "Typed-email-subject", "Typed-organizer-name",
        "typed-evidence-file.png", "typed-refused-file.exe", "Typed-answer-words",
    ];

    static readonly Report Everything = Report(new ReportDetails
    {
        ContactName = Typed[0],
        ContactEmail = Typed[1],
        OccurredAt = Typed[2],
        Location = Typed[3],
        Description = Typed[4],
        Circumstances = Typed[5],
        OthersInvolved = Typed[6],
        ReportedPerson = Typed[7],
        Setting = IncidentSetting.Online,
        EventName = Typed[8],
        OnlineSpace = Typed[9],
        ConversationLink = Typed[10],
        SafetyConcerns = Typed[11],
        IsOngoing = Ongoing.Yes,
        FeelsUnsafe = true,
    }, Reference) with
    {
        Door = Door.Email,
        Subject = Typed[12],
        TakenBy = Typed[13],
        Evidence = [new EvidenceFile("blob-1", Typed[14], "image/png", 10, "ab12")],
        RefusedEvidence = [new RefusedEvidence(Typed[15], "It is not an image, a video, a PDF or a plain text or log file.")],
    };

    static readonly CaseMessage Answer = new() { Id = "m-2", Kind = CaseMessageKind.Answer, At = Start, From = "reporter", Text = Typed[16] };

    static async Task<OutgoingMail[]> CommitteeMailsAsync(Disclosure disclosure) =>
    [
        await ToMember(CommitteeNoticeKind.NewReport, disclosure),
        await ToMember(CommitteeNoticeKind.AcknowledgeReminder, disclosure),
        await ToMember(CommitteeNoticeKind.FollowUpOverdue, disclosure),
        await ToMember(CommitteeNoticeKind.AnswerReceived, disclosure, Answer),
        await CommitteeMail.ToEscalationContactAsync(Everything, new("Chair", "chair@example.org"), new EscalationNotice(Reference, 0, CommitteeNoticeKind.NewReport, "0"), "Rust Meetup", new WorkflowOptions(), withReport: true, disclosure),
        await CommitteeMail.ToEscalationContactAsync(Everything, new("Chair", "chair@example.org"), new EscalationNotice(Reference, 0, CommitteeNoticeKind.AcknowledgeOverdue, "1"), "Rust Meetup", new WorkflowOptions(), withReport: false, disclosure),
    ];

    static Task<OutgoingMail> ToMember(CommitteeNoticeKind kind, Disclosure disclosure, CaseMessage? message = null) =>
        CommitteeMail.ToMemberAsync(Everything, new Recipient("Grace", "grace@example.org"), "grace", new MemberNotice(Reference, "grace", kind, "0"), "Rust Meetup", new WorkflowOptions(), SignedLinks(Clock()), disclosure, message);

    static string Whole(OutgoingMail mail) => $"{mail.Subject}\n{mail.TextBody}\n{mail.HtmlBody}";

    [Theory]
    [InlineData(NotificationContent.None)]
    [InlineData(NotificationContent.Summary)]
    public async Task Below_full_no_committee_mail_carries_anything_the_reporter_typed(NotificationContent content)
    {
        foreach (var mail in await CommitteeMailsAsync(Disclosure.For(content, null)))
        {
            foreach (var typed in Typed)
            {
                Assert.DoesNotContain(typed, Whole(mail), StringComparison.OrdinalIgnoreCase);
            }

            Assert.Contains(Reference, mail.Subject, StringComparison.Ordinal);
            Assert.Null(mail.OpenPgpKey);
        }
    }

    [Fact]
    public void The_default_setting_is_none()
    {
        Assert.Equal(NotificationContent.None, new NotificationOptions().Content);
    }

    [Fact]
    public async Task None_carries_the_reference_urgency_door_and_a_link_to_the_case()
    {
        var mail = await ToMember(CommitteeNoticeKind.NewReport, Disclosure.For(NotificationContent.None, null));

        Assert.StartsWith("URGENT:", mail.Subject, StringComparison.Ordinal);
        Assert.Contains($"Reference:\n{Reference}", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Came in through:\nEmail to the conduct address", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Urgent:\nYes", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"https://coc.example.org/api/reports/{Reference}/view?token=", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("not sent by email: open the case", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Ongoing", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Evidence", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Summary_adds_the_reporters_choices_and_counts_the_files()
    {
        var mail = await ToMember(CommitteeNoticeKind.NewReport, Disclosure.For(NotificationContent.Summary, null));

        foreach (var expected in new[] { "Ongoing:\nYes", "Setting:\nOnline", "Reporter fears for their safety:\nYes", "Gave a contact address", "Evidence:\n1 file kept", "Attachments not kept:\n1 file not kept" })
        {
            Assert.Contains(expected, mail.TextBody, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Full_carries_the_report_and_the_reporters_answer()
    {
        var disclosure = Disclosure.For(NotificationContent.Full, null);
        var first = Whole(await ToMember(CommitteeNoticeKind.NewReport, disclosure));
        var answered = await ToMember(CommitteeNoticeKind.AnswerReceived, disclosure, Answer);

        foreach (var typed in Typed[..16])
        {
            Assert.Contains(typed, first, StringComparison.Ordinal);
        }

        Assert.Contains(Typed[16], answered.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(Typed[16], answered.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recipient_with_an_openpgp_key_gets_the_whole_report_marked_for_encryption_to_that_key()
    {
        var mails = await CommitteeMailsAsync(Disclosure.For(NotificationContent.None, "the member's key"));

        Assert.All(mails, m => Assert.Equal("the member's key", m.OpenPgpKey));
        Assert.Contains(Typed[4], mails[0].TextBody, StringComparison.Ordinal);
        Assert.Contains(Typed[16], mails[3].TextBody, StringComparison.Ordinal);
        Assert.Contains(Typed[4], mails[4].TextBody, StringComparison.Ordinal);
        Assert.All(mails, m => Assert.DoesNotContain(Typed[4], m.Subject, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Below_full_the_escalation_contact_is_told_the_report_is_not_emailed_and_how_to_receive_it()
    {
        var mail = await CommitteeMail.ToEscalationContactAsync(Everything, new("Chair", "chair@example.org"), new EscalationNotice(Reference, 0, CommitteeNoticeKind.NewReport, "0"), "Rust Meetup", new WorkflowOptions(), withReport: true, Disclosure.For(NotificationContent.None, null));

        Assert.Contains("is handed to you", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(Reference, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("OpenPGP public key", mail.TextBody, StringComparison.Ordinal);
    }
}
