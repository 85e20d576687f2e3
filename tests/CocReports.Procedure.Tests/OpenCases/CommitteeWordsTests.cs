using CocReports.Procedure.Mail;
using CocReports.Procedure.Notifications;
using CocReports.Procedure.OpenCases;
using CocReports.Procedure.Rendering;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Timeline;
using CocReports.Procedure.Workflow;
using static CocReports.Procedure.Tests.Samples;

namespace CocReports.Procedure.Tests.OpenCases;

/// <summary>The committee's own words in the member's language: the case page's timeline, the open cases and the weekly digest.</summary>
public sealed class CommitteeWordsTests
{
    static readonly Texts German = Texts.For("de");
    static readonly Texts English = Texts.For(Texts.Default);

    [Fact]
    public void Every_step_has_its_words_on_the_case_page_in_every_language_and_english_spells_out_its_name()
    {
        foreach (var language in Texts.Shipped)
        {
            Assert.All(CaseStep.All, step => Assert.NotEmpty(step.Shown(Texts.For(language))));
        }

        Assert.All(CaseStep.All, step => Assert.Equal(Words.Split(step.Name, ' '), step.Shown(English)));
        Assert.Equal("Ausführlich zurückgemeldet", CaseStep.FollowedUp.Shown(German));

        // A step from a newer version, read by this one, is still shown by its name.
        Assert.Equal("Something new", CaseStep.Named("SomethingNew").Shown(German));
    }

    [Fact]
    public async Task The_digest_is_in_the_members_language_with_the_same_references_times_and_hashes()
    {
        var due = Start.AddHours(2);
        var line = new OpenCaseLine("COC-AAAA-BBBB", Start, Urgent: true, Door.Form, PromiseKind.Acknowledge, due, Overdue: true);
        var heads = new Dictionary<string, AuditHead> { [line.Reference] = new(3, "abc123") };

        var german = await Digest(German);
        var english = await Digest(English);

        Assert.Equal("[Rust Meetup] Ihre offenen Fälle, Woche vom 2025-03-10", german.Subject);
        Assert.Contains("Hallo Grace,", german.TextBody, StringComparison.Ordinal);
        Assert.Contains($"COC-AAAA-BBBB | Dringend | Das Meldeformular | Bestätigen bis {Texts.Time(due)} (überfällig) | Protokolleintrag 3, Hash abc123", german.TextBody, StringComparison.Ordinal);
        Assert.Contains("lang=\"de\"", german.HtmlBody, StringComparison.Ordinal);

        Assert.Equal("[Rust Meetup] Your open cases, week of 2025-03-10", english.Subject);
        Assert.Contains($"COC-AAAA-BBBB | Urgent | The report form | Acknowledge by {Texts.Time(due)} (overdue) | audit entry 3, hash abc123", english.TextBody, StringComparison.Ordinal);

        Task<OutgoingMail> Digest(Texts t) => OpenCasesDigestMail.ToMemberAsync(
            [line], heads, new Recipient("Grace", "grace@example.org"), "grace", "Rust Meetup", new DateTimeOffset(2025, 3, 10, 9, 0, 0, TimeSpan.Zero), Start, SignedLinks(Clock()), t);
    }
}
