using System.Net;
using CocReports.Procedure.Links;
using CocReports.Testing;

namespace CocReports.IntegrationTests;

/// <summary>
/// A committee member who reads German (<c>Committee:Members:n:Language</c>) gets the case page, the open-cases page
/// and a refused link's page in German, marked lang="de"; a member of the same committee without a language of their
/// own keeps the committee's English.
/// </summary>
public sealed class GermanCommitteePagesTests(GermanCommitteePagesTests.Host host) : IClassFixture<GermanCommitteePagesTests.Host>
{
    /// <summary>Alex reads German; Sam and Kim the committee's English.</summary>
    public sealed class Host : LocalHostFixture
    {
        protected override void Configure(IDictionary<string, string?> settings) =>
            settings["Committee:Members:0:Language"] = "de";
    }

    [Fact]
    public async Task A_german_member_acts_from_their_mail_in_german_and_an_english_member_in_english()
    {
        var reference = await SubmitAsync();
        var acknowledge = host.Links().Create(reference, "alex", CaseAction.Acknowledge);

        var form = WebUtility.HtmlDecode(await host.Http.GetStringAsync(acknowledge.PathAndQuery));
        Assert.Contains("<html lang=\"de\">", form, StringComparison.Ordinal);
        Assert.Contains($"Meldung {reference} bestätigen", form, StringComparison.Ordinal);

        var note = host.Links().Create(reference, "alex", CaseAction.Note);
        using var empty = await host.Http.PostAsync(note.AbsolutePath, new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = MailLinks.Token(note), ["note"] = "" }));
        var refused = WebUtility.HtmlDecode(await empty.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Es wurde nichts geändert. Bitte korrigieren Sie:", refused, StringComparison.Ordinal);
        Assert.Contains("Bitte schreiben Sie die Notiz.", refused, StringComparison.Ordinal);

        using var done = await host.Http.PostAsync(acknowledge.AbsolutePath, new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = MailLinks.Token(acknowledge) }));
        var thanks = WebUtility.HtmlDecode(await done.Content.ReadAsStringAsync());
        Assert.Contains("Danke. Die Meldung ist bestätigt.", thanks, StringComparison.Ordinal);
        Assert.Contains("Zurück zum Fall", thanks, StringComparison.Ordinal);

        var samsForm = WebUtility.HtmlDecode(await host.Http.GetStringAsync(host.Links().Create(reference, "sam", CaseAction.Note).PathAndQuery));
        Assert.Contains("<html lang=\"en\">", samsForm, StringComparison.Ordinal);
        Assert.Contains($"Add a note to report {reference}", samsForm, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_case_page_the_open_cases_page_and_a_used_link_read_german_for_a_german_member_and_english_for_the_others()
    {
        var reference = await SubmitAsync();
        var alexsView = host.Links().Create(reference, "alex", CaseAction.View);

        using var alex = MemberBrowser.NewBrowser(host.BaseUrl);
        var casePage = WebUtility.HtmlDecode(await MemberBrowser.OpenStringAsync(alex, alexsView));
        Assert.Contains("<html lang=\"de\">", casePage, StringComparison.Ordinal);
        Assert.Contains($"<title>Meldung {reference}</title>", casePage, StringComparison.Ordinal);
        Assert.Contains("Vertraulich: Nur die Komiteemitglieder, die diese Meldung bearbeiten, können diese Seite öffnen", casePage, StringComparison.Ordinal);
        Assert.Contains("Das Meldeformular", casePage, StringComparison.Ordinal);
        Assert.Contains("Notizen des Komitees (nie für die meldende Person sichtbar)", casePage, StringComparison.Ordinal);
        Assert.Contains("Wer diesen Fall geöffnet hat", casePage, StringComparison.Ordinal);
        Assert.Contains("Die Fallseite", casePage, StringComparison.Ordinal);
        Assert.Contains("Das Prüfprotokoll ist stimmig", casePage, StringComparison.Ordinal);
        Assert.DoesNotContain("Who opened this case", casePage, StringComparison.Ordinal);
        Assert.DoesNotContain("Came in through", casePage, StringComparison.Ordinal);

        var openCases = WebUtility.HtmlDecode(await MemberBrowser.OpenStringAsync(alex, host.Links().CreateOpenCases("alex")));
        Assert.Contains("<html lang=\"de\">", openCases, StringComparison.Ordinal);
        Assert.Contains("Ihre offenen Fälle", openCases, StringComparison.Ordinal);
        Assert.Contains("Nächste Zusage", openCases, StringComparison.Ordinal);
        Assert.Contains(reference, openCases, StringComparison.Ordinal);
        Assert.DoesNotContain("Your open cases", openCases, StringComparison.Ordinal);

        // The View link already opened the case in Alex's browser: another browser is refused, in Alex's words.
        using var elsewhere = MemberBrowser.NewBrowser(host.BaseUrl);
        using var used = await elsewhere.GetAsync(alexsView);
        var refused = WebUtility.HtmlDecode(await used.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, used.StatusCode);
        Assert.Contains("<html lang=\"de\">", refused, StringComparison.Ordinal);
        Assert.Contains("Dieser Link wurde bereits verwendet.", refused, StringComparison.Ordinal);
        Assert.DoesNotContain(reference, refused, StringComparison.Ordinal);

        using var sam = MemberBrowser.NewBrowser(host.BaseUrl);
        var samsCase = WebUtility.HtmlDecode(await MemberBrowser.OpenStringAsync(sam, host.Links().Create(reference, "sam", CaseAction.View)));
        Assert.Contains("<html lang=\"en\">", samsCase, StringComparison.Ordinal);
        Assert.Contains($"<title>Report {reference}</title>", samsCase, StringComparison.Ordinal);
        Assert.Contains("Who opened this case", samsCase, StringComparison.Ordinal);
        Assert.Contains("The report form", samsCase, StringComparison.Ordinal);
        Assert.DoesNotContain("Wer diesen Fall geöffnet hat", samsCase, StringComparison.Ordinal);

        var samsCases = WebUtility.HtmlDecode(await MemberBrowser.OpenStringAsync(sam, host.Links().CreateOpenCases("sam")));
        Assert.Contains("<html lang=\"en\">", samsCases, StringComparison.Ordinal);
        Assert.Contains("Your open cases", samsCases, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_link_that_names_no_member_is_in_the_committees_language()
    {
        var reference = await SubmitAsync();
        var view = host.Links().Create(reference, "alex", CaseAction.View);
        var token = MailLinks.Token(view);

        // Tampered, the link names no one the page could trust: the committee's language, English here.
        using var response = await host.Http.GetAsync($"{view.AbsolutePath}?token={token[..^2]}{(token.EndsWith("AA", StringComparison.Ordinal) ? "BB" : "AA")}");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("This link is not valid.", html, StringComparison.Ordinal);
    }

    /// <summary>Files a report and waits until the committee is told: by then the case is listed on the open-cases page.</summary>
    async Task<string> SubmitAsync()
    {
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(Submissions.NewReporter())));
        await host.Inbox.WaitForAsync(m => m.IsTo("sam@committee.test") && m.Subject.Contains(receipt.Reference, StringComparison.Ordinal));
        return receipt.Reference;
    }
}
