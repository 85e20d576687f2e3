using CocReports.Procedure.Committee;
using CocReports.Procedure.Mail;
using CocReports.Procedure.Notifications;
using CocReports.Procedure.Paging;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Transparency;
using CocReports.Procedure.Workflow;
using static CocReports.Procedure.Tests.Samples;

namespace CocReports.Procedure.Tests.Notifications;

/// <summary>
/// The committee's mail reads in the reader's language: a member's own, else the committee's; an escalation contact,
/// who is no member, reads the committee's. Subjects keep the reference, and an urgent one its prefix, in each.
/// </summary>
public class CommitteeMailLanguageTests
{
    const string Reference = "COC-AB12-CD34";

    static readonly ReportDetails Anonymous = new() { Description = "Something happened in the hallway." };

    static readonly Disclosure Full = new(NotificationContent.Full, null);

    // An English committee with one member who reads German.
    static CommitteeOptions Committee(string language = "en")
    {
        var committee = ThreeMembers();
        committee.Language = language;
        committee.Members[1].Language = "de";
        return committee;
    }

    static Task<OutgoingMail> ToMember(CommitteeOptions committee, string memberId, CommitteeNoticeKind kind, ReportDetails? details = null) =>
        CommitteeMail.ToMemberAsync(
            Report(details ?? Anonymous, Reference), new Recipient(committee.NameOf(memberId), $"{memberId}@example.org"), memberId, new MemberNotice(Reference, memberId, kind, "1"),
            "Rust Meetup", new WorkflowOptions(), SignedLinks(Clock()), Full, t: committee.TextsFor(memberId));

    static Task<OutgoingMail> ToContact(CommitteeOptions committee, CommitteeNoticeKind kind, bool withReport = false, ReportDetails? details = null) =>
        CommitteeMail.ToEscalationContactAsync(
            Report(details ?? Anonymous, Reference), new Recipient("Chair", "chair@example.org"), new EscalationNotice(Reference, 0, kind, "1"),
            "Rust Meetup", new WorkflowOptions(), withReport, Full, t: committee.TextsFor(null));

    [Fact]
    public async Task A_member_who_reads_german_gets_the_new_report_in_german_and_the_others_in_english()
    {
        var committee = Committee();

        var grace = await ToMember(committee, "grace", CommitteeNoticeKind.NewReport);
        var ada = await ToMember(committee, "ada", CommitteeNoticeKind.NewReport);

        Assert.Equal($"Neue Verhaltenskodex-Meldung {Reference} (Rust Meetup)", grace.Subject);
        Assert.Contains("Hallo Grace,", grace.TextBody, StringComparison.Ordinal);
        Assert.Contains("Wir versprechen meldenden Personen eine Eingangsbestätigung innerhalb von 48 Stunden.", grace.TextBody, StringComparison.Ordinal);
        Assert.Contains($"Aktenzeichen:\n{Reference}", grace.TextBody, StringComparison.Ordinal);
        Assert.Contains("Eingang dieser Meldung bestätigen: https://", grace.TextBody, StringComparison.Ordinal);
        Assert.Contains("Something happened in the hallway.", grace.TextBody, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"de\">", grace.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Eingang dieser Meldung bestätigen", grace.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Acknowledge", grace.TextBody + grace.HtmlBody, StringComparison.Ordinal);

        Assert.Equal($"New Code of Conduct report {Reference} (Rust Meetup)", ada.Subject);
        Assert.Contains("Hello Ada,", ada.TextBody, StringComparison.Ordinal);
        Assert.Contains("we promise reporters an acknowledgment within 48 hours.", ada.TextBody, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", ada.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_overdue_reminder_to_a_german_member_is_german_and_urgent_leads_with_dringend()
    {
        var committee = Committee();

        var grace = await ToMember(committee, "grace", CommitteeNoticeKind.AcknowledgeOverdue, Anonymous with { FeelsUnsafe = true });
        var ada = await ToMember(committee, "ada", CommitteeNoticeKind.AcknowledgeOverdue, Anonymous with { FeelsUnsafe = true });

        Assert.Equal($"DRINGEND: Überfällig: Eingang der Meldung {Reference} nicht bestätigt", grace.Subject);
        Assert.Contains("Diese Meldung ist überfällig: Der Eingang wurde nicht in der versprochenen Zeit bestätigt. Die Eskalationskontakte wurden benachrichtigt.", grace.TextBody, StringComparison.Ordinal);
        Assert.Contains($"Aktenzeichen:\n{Reference}", grace.TextBody, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"de\">", grace.HtmlBody, StringComparison.Ordinal);

        Assert.Equal($"URGENT: Overdue: report {Reference} is not acknowledged", ada.Subject);
        Assert.Contains("This report is overdue: it was not acknowledged within the promised time.", ada.TextBody, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", ada.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reminder_quotes_the_promise_in_the_members_words()
    {
        var mail = await ToMember(Committee(), "grace", CommitteeNoticeKind.AcknowledgeReminder);

        Assert.Equal($"Erinnerung: Eingang der Meldung {Reference} bestätigen", mail.Subject);
        Assert.Contains("Der meldenden Person wurde eine Eingangsbestätigung innerhalb von 48 Stunden versprochen.", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_escalation_contact_reads_the_committees_language_not_a_members()
    {
        var german = await ToContact(Committee("de"), CommitteeNoticeKind.AcknowledgeOverdue);
        var english = await ToContact(Committee("en"), CommitteeNoticeKind.AcknowledgeOverdue);
        var handedOver = await ToContact(Committee("de"), CommitteeNoticeKind.NewReport, withReport: true);

        Assert.Equal($"Überfällig: Eingang der Meldung {Reference} nicht bestätigt", german.Subject);
        Assert.Contains("Hallo Chair,", german.TextBody, StringComparison.Ordinal);
        Assert.Contains("Eine Verhaltenskodex-Meldung an Rust Meetup ist überfällig: Das Komitee hat ihren Eingang nicht in der versprochenen Zeit bestätigt. Bitte sorgen Sie dafür, dass sich jemand darum kümmert.", german.TextBody, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"de\">", german.HtmlBody, StringComparison.Ordinal);

        Assert.Equal($"Overdue: report {Reference} is not acknowledged", english.Subject);
        Assert.Contains("A Code of Conduct report to Rust Meetup is overdue: the committee has not acknowledged it within the promised time. Please make sure someone takes it up.", english.TextBody, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", english.HtmlBody, StringComparison.Ordinal);

        Assert.Equal($"Verhaltenskodex-Meldung {Reference} für die Eskalationskontakte (Rust Meetup)", handedOver.Subject);
        Assert.Contains("Was geschehen ist:\nSomething happened in the hallway.", handedOver.TextBody, StringComparison.Ordinal);
    }

    public static TheoryData<CommitteeNoticeKind> Kinds() => [.. Enum.GetValues<CommitteeNoticeKind>()];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Every_notice_has_german_words_and_names_its_reference(CommitteeNoticeKind kind)
    {
        var committee = Committee("de");
        var urgent = Anonymous with { FeelsUnsafe = true };

        var member = await ToMember(committee, "grace", kind, urgent);
        var contact = await ToContact(committee, kind, details: urgent);
        var english = await ToMember(Committee(), "ada", kind, urgent);

        Assert.StartsWith("DRINGEND: ", member.Subject, StringComparison.Ordinal);
        Assert.Contains(Reference, member.Subject, StringComparison.Ordinal);
        Assert.Contains(Reference, contact.Subject, StringComparison.Ordinal);
        Assert.NotEqual(english.Subject["URGENT: ".Length..], member.Subject["DRINGEND: ".Length..]);
        Assert.DoesNotContain("Hello", member.TextBody + contact.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Passkey_and_transparency_mail_and_the_urgent_page_read_in_the_readers_language()
    {
        var de = Committee().TextsFor("grace");
        var reset = await PasskeyResetMail.ToMemberAsync(new Recipient("Grace", "grace@example.org"), "grace", ["Ada", "Alan"], "Rust Meetup", Start, Start, de);
        var ask = await PasskeyResetAskMail.ToContactAsync(new Recipient("Chair", "chair@example.org"), "v1", "grace", "Grace", "Ada", "Rust Meetup", Start, new Uri("https://coc.example.org/vouch"), de);
        var english = await PasskeyResetMail.ToMemberAsync(new Recipient("Grace", "grace@example.org"), "grace", ["Ada", "Alan"], "Rust Meetup", Start, Start);

        Assert.Equal("[Rust Meetup] Ihre Passkeys wurden zurückgesetzt", reset.Subject);
        Assert.Contains("Ada und Alan haben am 2025-03-14 09:00 UTC Ihre Passkeys für die Verhaltenskodex-Fälle von Rust Meetup zurückgesetzt", reset.TextBody, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"de\">", reset.HtmlBody, StringComparison.Ordinal);
        Assert.Equal("[Rust Meetup] Für das Zurücksetzen der Passkeys von Grace bürgen?", ask.Subject);
        Assert.Contains("innerhalb von 24 Stunden", ask.TextBody, StringComparison.Ordinal);
        Assert.Contains("Ada and Alan reset your passkeys for the Code of Conduct cases of Rust Meetup on 2025-03-14 09:00 UTC", english.TextBody, StringComparison.Ordinal);

        var draft = TransparencyReportGenerator.Generate([], new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31), "Rust Meetup", "", new TransparencyOptions(), TimeSpan.FromHours(48), TimeSpan.FromDays(7), Start);
        var transparency = await TransparencyMail.ToMemberAsync(draft, new Recipient("Grace", "grace@example.org"), "grace", SignedLinks(Clock()), de);
        Assert.Equal("[Rust Meetup] Transparenzbericht 2025: Entwurf zur Prüfung", transparency.Subject);
        Assert.Contains("Dieser Entwurf zählt nur die Meldungen, die Sie sehen dürfen", transparency.TextBody, StringComparison.Ordinal);
        Assert.Contains("# Rust Meetup: Code of Conduct transparency report, 2025", transparency.TextBody, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"de\">", transparency.HtmlBody, StringComparison.Ordinal);

        Assert.Equal("Dringende Verhaltenskodex-Meldung", UrgentPage.Title(de));
        Assert.Equal($"Dringende Verhaltenskodex-Meldung {Reference} an Rust Meetup: Jemand könnte in Gefahr sein. Bitte lesen Sie jetzt Ihre E-Mails.", UrgentPage.Text(Report(Anonymous, Reference), "Rust Meetup", de));
        Assert.Equal($"Urgent Code of Conduct report {Reference} to Rust Meetup: someone may be in danger. Please read your email now.", UrgentPage.Text(Report(Anonymous, Reference), "Rust Meetup", Committee().TextsFor("ada")));
    }
}
