using System.Web;
using CocReports.Procedure.Links;
using CocReports.Procedure.Mail;
using CocReports.Procedure.Notifications;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Workflow;
using static CocReports.Procedure.Tests.Samples;

namespace CocReports.Procedure.Tests.Notifications;

public class MailBodyTests
{
    [Fact]
    public async Task Html_part_encodes_markup_in_paragraphs_fields_and_link_labels()
    {
        var html = await new MailBody()
            .Paragraph("Hi <b>there</b>")
            .Field("<i>Label</i>", "<script>alert(1)</script>\nsecond line")
            .Link("<img src=x>", new Uri("https://coc.example.org/a?b=1&c=\"2\""))
            .RenderHtmlAsync("en");

        Assert.Contains("Hi &lt;b&gt;there&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;<br>second line", html, StringComparison.Ordinal);
        Assert.Contains("&lt;i&gt;Label&lt;/i&gt;", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://coc.example.org/a?b=1&amp;c=%222%22\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<i>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_part_keeps_what_was_typed_and_html_part_is_a_whole_document_in_the_readers_language()
    {
        var body = new MailBody().Paragraph("Hi <b>there</b>").Field("Where", "Hall <B>").Field("Empty", "  ");
        var html = await body.RenderHtmlAsync("de");

        Assert.Equal("Hi <b>there</b>\n\nWhere:\nHall <B>\n", body.Text);
        Assert.StartsWith("<!DOCTYPE html>", html.TrimStart(), StringComparison.Ordinal);
        Assert.Contains("<html lang=\"de\">", html, StringComparison.Ordinal);
        Assert.EndsWith("</html>", html.TrimEnd(), StringComparison.Ordinal);
        Assert.DoesNotContain("Empty", html, StringComparison.Ordinal);
    }
}

public class CommitteeMailTests
{
    const string Reference = "COC-AB12-CD34";
    const string Hostile = "<script>alert('x')</script> and <b>bold</b>";

    static readonly ReportDetails Named = new()
    {
        ContactName = "Sam <b>S</b>",
        ContactEmail = "sam@example.org",
        Description = "He said " + Hostile,
        Location = "Hall <script>B</script>",
    };

    static readonly ReportDetails Anonymous = new() { Description = "Something happened in the hallway." };

    static readonly Disclosure Full = new(NotificationContent.Full, null);

    static Task<OutgoingMail> ToMember(ReportDetails details, string memberId = "grace", CommitteeNoticeKind kind = CommitteeNoticeKind.NewReport, int round = 0, ActionLinks? links = null, WorkflowOptions? promises = null, Disclosure? disclosure = null) =>
        ToMember(Report(details, Reference), memberId, kind, round, links, promises, disclosure);

    static Task<OutgoingMail> ToMember(Report report, string memberId = "grace", CommitteeNoticeKind kind = CommitteeNoticeKind.NewReport, int round = 0, ActionLinks? links = null, WorkflowOptions? promises = null, Disclosure? disclosure = null) =>
        CommitteeMail.ToMemberAsync(report, new Recipient("Grace", "grace@example.org"), memberId, new MemberNotice(Reference, memberId, kind, round.ToString(System.Globalization.CultureInfo.InvariantCulture)), "Rust Meetup", promises ?? new WorkflowOptions(), links ?? SignedLinks(Clock()), disclosure ?? Full);

    static Task<OutgoingMail> ToEscalation(Report report, Recipient contact, int contactIndex, CommitteeNoticeKind kind, int round, bool withReport, Disclosure? disclosure = null) =>
        CommitteeMail.ToEscalationContactAsync(report, contact, new EscalationNotice(report.Reference, contactIndex, kind, round.ToString(System.Globalization.CultureInfo.InvariantCulture)), "Rust Meetup", new WorkflowOptions(), withReport, disclosure ?? Full);

    static string TokenIn(string text, CaseAction action)
    {
        var line = text.Split('\n').Single(l => l.Contains($"/api/reports/{Reference}/{ActionLinks.PathOf(action)}?", StringComparison.Ordinal));
        return HttpUtility.ParseQueryString(new Uri(line[line.IndexOf("https://", StringComparison.Ordinal)..]).Query)["token"]!;
    }

    [Fact]
    public async Task Html_encodes_what_the_reporter_typed()
    {
        var mail = await ToMember(Named);

        Assert.Contains("&lt;script&gt;", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", mail.HtmlBody, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(Hostile, mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mail_names_the_report_and_its_community()
    {
        var mail = await ToMember(Anonymous);

        Assert.Equal(new Recipient("Grace", "grace@example.org"), mail.To);
        Assert.Equal($"New Code of Conduct report {Reference} (Rust Meetup)", mail.Subject);
        Assert.Contains(Reference, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Something happened in the hallway.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Hello Grace,", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_urgent_reports_notice_tells_the_committee_its_shorter_promise()
    {
        var schedule = new WorkflowOptions { UrgentAcknowledgeWithin = WorkflowOptions.UrgentAcknowledgeWithinDefault };

        var urgent = await ToMember(Anonymous with { FeelsUnsafe = true }, promises: schedule);
        var ordinary = await ToMember(Anonymous, promises: schedule);

        Assert.Contains("we promise this reporter an acknowledgment within 2 hours", urgent.TextBody, StringComparison.Ordinal);
        Assert.Contains("we promise reporters an acknowledgment within 48 hours", ordinary.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CommitteeNoticeKind.NewReport)]
    [InlineData(CommitteeNoticeKind.AcknowledgeReminder)]
    [InlineData(CommitteeNoticeKind.AcknowledgeOverdue)]
    public async Task Subject_of_an_urgent_report_starts_with_urgent(CommitteeNoticeKind kind)
    {
        var ongoing = await ToMember(Anonymous with { IsOngoing = Ongoing.Yes }, kind: kind);
        var unsafeReporter = await ToMember(Anonymous with { FeelsUnsafe = true }, kind: kind);
        var ordinary = await ToMember(Anonymous with { IsOngoing = Ongoing.No }, kind: kind);
        var escalation = await ToEscalation(Report(Anonymous with { FeelsUnsafe = true }), new Recipient("Chair", "chair@example.org"), 0, kind, 1, false);

        Assert.StartsWith("URGENT:", ongoing.Subject, StringComparison.Ordinal);
        Assert.StartsWith("URGENT:", unsafeReporter.Subject, StringComparison.Ordinal);
        Assert.StartsWith("URGENT:", escalation.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("URGENT", ordinary.Subject, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(Reference, ordinary.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Member_mail_holds_acknowledge_and_recuse_links_bound_to_that_member()
    {
        var clock = Clock();
        var links = SignedLinks(clock);
        var mail = await ToMember(Anonymous, memberId: "grace", links: links);

        var acknowledge = links.Check(TokenIn(mail.TextBody, CaseAction.Acknowledge), Reference, CaseAction.Acknowledge);
        var recuse = links.Check(TokenIn(mail.TextBody, CaseAction.Recuse), Reference, CaseAction.Recuse);

        Assert.Equal((LinkStatus.Valid, "grace"), (acknowledge.Status, acknowledge.MemberId));
        Assert.Equal((LinkStatus.Valid, "grace"), (recuse.Status, recuse.MemberId));
        Assert.Equal(LinkStatus.Tampered, links.Check(TokenIn(mail.TextBody, CaseAction.Recuse), Reference, CaseAction.Acknowledge).Status);
        Assert.Contains($"https://coc.example.org/api/reports/{Reference}/acknowledge?token=", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains($"https://coc.example.org/api/reports/{Reference}/recuse?token=", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Message_ids_are_distinct_per_member_kind_and_round_and_stable_for_a_retry()
    {
        var ids = new[]
        {
            (await ToMember(Anonymous, "grace", CommitteeNoticeKind.NewReport, 0)).MessageId,
            (await ToMember(Anonymous, "ada", CommitteeNoticeKind.NewReport, 0)).MessageId,
            (await ToMember(Anonymous, "grace", CommitteeNoticeKind.AcknowledgeReminder, 1)).MessageId,
            (await ToMember(Anonymous, "grace", CommitteeNoticeKind.AcknowledgeReminder, 2)).MessageId,
            (await ToMember(Anonymous, "grace", CommitteeNoticeKind.AcknowledgeOverdue, 1)).MessageId,
            (await ToMember(Anonymous, "ada", CommitteeNoticeKind.AcknowledgeOverdue, 1)).MessageId,
            (await ToEscalation(Report(Anonymous, Reference), new Recipient("Chair", "chair@example.org"), 0, CommitteeNoticeKind.AcknowledgeOverdue, 1, false)).MessageId,
            (await ToEscalation(Report(Anonymous, Reference), new Recipient("Board", "board@example.org"), 1, CommitteeNoticeKind.AcknowledgeOverdue, 1, false)).MessageId,
            (await ToEscalation(Report(Anonymous, Reference), new Recipient("Chair", "chair@example.org"), 0, CommitteeNoticeKind.AcknowledgeOverdue, 2, false)).MessageId,
        };

        Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(ids[0], (await ToMember(Anonymous, "grace", CommitteeNoticeKind.NewReport, 0)).MessageId);
    }

    [Fact]
    public async Task A_later_match_is_told_on_the_earlier_report_naming_the_other_with_a_view_link_and_none_of_the_report()
    {
        var links = SignedLinks(Clock());
        var notice = new MemberNotice(Reference, "grace", CommitteeNoticeKind.PatternFound, "COC-LATE-R000");
        var mail = await CommitteeMail.ToMemberAsync(
            Report(Named, Reference), new Recipient("Grace", "grace@example.org"), "grace", notice, "Rust Meetup", new WorkflowOptions(), links, Full,
            patterns: [new Procedure.Patterns.PatternMatch("COC-LATE-R000", Weak: false)]);

        Assert.Equal($"Report {Reference} may name the same person as another report", mail.Subject);
        Assert.Contains("Report COC-LATE-R000", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://coc.example.org/api/reports/COC-LATE-R000/view?token=", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("He said", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("sam@example.org", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("/resolve?token=", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("/ask?token=", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal($"{Reference}.PatternFound.COC-LATE-R000.grace@coc-reports", mail.MessageId);
        Assert.Equal(mail.MessageId, CommitteeMail.MessageId(notice));
    }

    [Fact]
    public async Task Anonymous_report_says_anonymous_and_shows_no_email()
    {
        var mail = await ToMember(Anonymous with { ContactName = "Sam" });

        Assert.Contains("Anonymous", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Anonymous", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("@example.org", mail.TextBody + mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("sam@", mail.TextBody + mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Named_report_shows_the_reporter_name_and_email()
    {
        var mail = await ToMember(Named);

        Assert.Contains("Sam <b>S</b> <sam@example.org>", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Sam &lt;b&gt;S&lt;/b&gt; &lt;sam@example.org&gt;", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Anonymous", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Summary_lists_the_reported_details_and_leaves_out_empty_ones()
    {
        var details = Anonymous with
        {
            Setting = IncidentSetting.Online,
            OnlineSpace = "Discord #general",
            ConversationLink = "https://chat.example.org/room/42",
            ReportedPerson = "@troll",
            FeelsUnsafe = true,
        };
        var report = Report(details) with
        {
            Evidence = [new EvidenceFile("blob-1", "screenshot.png", "image/png", 12_345, "ab12")],
        };

        var text = ReportSummary.AppendTo(new MailBody(), report, NotificationContent.Full).Text;

        foreach (var expected in new[] { "Discord #general", "https://chat.example.org/room/42", "@troll", "Online", "evidence-1.png, sent as \"screenshot.png\" (image/png, 12,345 bytes, SHA-256 ab12)", "2025-03-14 09:00 UTC" })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        Assert.Contains("Reporter fears for their safety:\nYes", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Circumstances", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Event:", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_first_email_names_evidence_by_its_type_and_shows_the_senders_name_without_invisible_characters()
    {
        var report = Report(Named, Reference) with
        {
            Evidence = [new EvidenceFile("blob-1", "minutes\u202Efdp.hta", "text/plain", 10, "cd34")],
        };

        var text = ReportSummary.AppendTo(new MailBody(), report, NotificationContent.Full).Text;

        Assert.Contains("evidence-1.txt, sent as \"minutesfdp.hta\" (text/plain", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\u202E', text);
    }

    [Fact]
    public async Task Overdue_escalation_names_the_report_but_does_not_carry_it()
    {
        var mail = await ToEscalation(Report(Named, Reference), new Recipient("Chair", "chair@example.org"), 0, CommitteeNoticeKind.AcknowledgeOverdue, 1, false);

        Assert.Contains(Reference, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("has not acknowledged it", mail.TextBody, StringComparison.Ordinal);
        foreach (var part in new[] { mail.TextBody, mail.HtmlBody })
        {
            Assert.DoesNotContain("He said", part, StringComparison.Ordinal);
            Assert.DoesNotContain("Hall", part, StringComparison.Ordinal);
            Assert.DoesNotContain("sam@example.org", part, StringComparison.Ordinal);
            Assert.DoesNotContain("/api/reports/", part, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Escalation_of_a_report_no_member_may_see_carries_the_report_without_action_links()
    {
        var mail = await ToEscalation(Report(Named, Reference), new Recipient("Chair", "chair@example.org"), 0, CommitteeNoticeKind.NewReport, 0, true);

        Assert.Contains("He said " + Hostile, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("He said &lt;script&gt;", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", mail.HtmlBody, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("/api/reports/", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal(new Recipient("Chair", "chair@example.org"), mail.To);
    }
}

public class ReporterMailTests
{
    const string Reference = "COC-AB12-CD34";
    const string Code = "K7Q2M-9XW4R-HT3ZP-B8N6V";

    static readonly ReportDetails Details = new()
    {
        ContactName = "Sam",
        ContactEmail = "sam@example.org",
        Description = "He said <script>alert(1)</script>",
    };

    [Fact]
    public async Task An_urgent_reports_receipt_promises_the_acknowledgment_within_two_hours_unless_its_schedule_predates_that()
    {
        var urgent = Details with { FeelsUnsafe = true };
        var schedule = new WorkflowOptions { UrgentAcknowledgeWithin = WorkflowOptions.UrgentAcknowledgeWithinDefault };

        var receipt = await ReporterMail.ReceiptAsync(Report(urgent, Reference), Code, new Uri("https://coc.example.org/api/status"), "Rust Meetup", schedule);
        var earlier = await ReporterMail.ReceiptAsync(Report(urgent, Reference), Code, new Uri("https://coc.example.org/api/status"), "Rust Meetup", new WorkflowOptions());

        Assert.Contains("acknowledge your report within 2 hours", receipt.TextBody, StringComparison.Ordinal);
        Assert.Contains("acknowledge your report within 48 hours", earlier.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receipt_holds_the_reference_the_receipt_code_and_the_status_page()
    {
        var statusPage = new ReporterLinks(LinkOptions()).StatusPage(Reference);

        var mail = await ReporterMail.ReceiptAsync(Report(Details, Reference), Code, statusPage, "Rust Meetup", new WorkflowOptions());

        Assert.Equal(new Recipient("", "sam@example.org"), mail.To);
        Assert.Contains(Reference, mail.Subject, StringComparison.Ordinal);
        foreach (var part in new[] { mail.TextBody, mail.HtmlBody })
        {
            Assert.Contains(Reference, part, StringComparison.Ordinal);
            Assert.Contains(Code, part, StringComparison.Ordinal);
            Assert.Contains($"https://coc.example.org/api/status?reference={Reference}", part, StringComparison.Ordinal);
        }

        Assert.Contains("48 hours", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Rust Meetup", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receipt_of_an_emailed_report_stays_in_its_thread_without_repeating_what_the_reporter_sent()
    {
        var report = Report(Details with { ContactName = "Sam Typedname" }, Reference) with
        {
            Door = Door.Email,
            Subject = "Typed subject about Alex",
            InboundMessageId = "<typed@example.org>",
            RefusedEvidence = [new RefusedEvidence("alex-typed-file.exe", "The file is empty.")],
        };

        var receipt = await ReporterMail.ReceiptAsync(report, Code, new Uri("https://coc.example.org/api/status"), "Rust Meetup", new WorkflowOptions());

        Assert.Equal("<typed@example.org>", receipt.InReplyTo);
        Assert.Contains("The file is empty.", receipt.TextBody, StringComparison.Ordinal);
        foreach (var typed in new[] { "Typedname", "Typed subject", "alex-typed-file", "He said" })
        {
            Assert.DoesNotContain(typed, $"{receipt.To.Name}\n{receipt.Subject}\n{receipt.TextBody}\n{receipt.HtmlBody}", StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Receipt_and_acknowledgment_have_their_own_message_ids()
    {
        var report = Report(Details, Reference);
        var receipt = await ReporterMail.ReceiptAsync(report, Code, new Uri("https://coc.example.org/api/status"), "Rust Meetup", new WorkflowOptions());
        var acknowledged = await ReporterMail.AcknowledgedAsync(report, "Rust Meetup", new WorkflowOptions());

        Assert.NotEqual(receipt.MessageId, acknowledged.MessageId);
        Assert.Contains(Reference, acknowledged.TextBody, StringComparison.Ordinal);
        Assert.Contains("acknowledged", acknowledged.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reporter_mail_quotes_the_configured_promises_in_words()
    {
        var promises = new WorkflowOptions { AcknowledgeWithin = TimeSpan.FromHours(72), FollowUpWithin = TimeSpan.FromDays(10) };
        var report = Report(Details, Reference);

        var receipt = await ReporterMail.ReceiptAsync(report, Code, new Uri("https://coc.example.org/api/status"), "Rust Meetup", promises);
        var acknowledged = await ReporterMail.AcknowledgedAsync(report, "Rust Meetup", promises);

        Assert.Contains("within 72 hours", receipt.TextBody, StringComparison.Ordinal);
        Assert.Contains("within 10 days", receipt.TextBody, StringComparison.Ordinal);
        Assert.Contains("within 10 days", acknowledged.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("48 hours", receipt.TextBody + receipt.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("one week", receipt.TextBody + acknowledged.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_report_made_in_german_gets_german_mail()
    {
        var report = Report(Details with { Language = "de" }, Reference);
        var promises = new WorkflowOptions { AcknowledgeWithin = TimeSpan.FromHours(72) };

        var receipt = await ReporterMail.ReceiptAsync(report, Code, new Uri("https://coc.example.org/api/status"), "Rust Meetup", promises);

        Assert.Contains("Wir haben Ihre Meldung", receipt.Subject, StringComparison.Ordinal);
        Assert.Contains("innerhalb von 72 Stunden", receipt.TextBody, StringComparison.Ordinal);
        Assert.Contains("Ihr Bestätigungscode", receipt.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"de\">", receipt.HtmlBody, StringComparison.Ordinal);
    }
}
