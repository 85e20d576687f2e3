using System.Globalization;
using CocReports.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CocReports.BrowserTests;

/// <summary>
/// A member runs a whole case only from pages, as docs/committee-guide.md's "Your day, step by step" tells it: from
/// the Open cases link of their first email to the case page, acting there each time and coming back by the result
/// page's way back.
/// </summary>
/// <remarks>
/// The test also writes the committee guide's pictures of both pages to .artifacts/screenshots/. To regenerate them,
/// run it (<c>./test.sh</c> runs every test; any run of this one against test.sh's Azurite and smtp4dev will do), then
/// <c>cp .artifacts/screenshots/{open-cases,case-page,after-the-decision,appeal}.png docs/screenshots/</c> and commit.
/// </remarks>
public sealed class CommitteeDayTests(CommitteeDayHost host) : IClassFixture<CommitteeDayHost>
{
    const string Reporter = "priya@example.org";

    const string Quill = "quill@example.org";

    const string Narrative =
        "On Tuesday evening, in the #contributors channel, @quill answered my review of their pull request with insults about my English "
        + "and told me to \"go back to translating the docs where I belong\". When I asked them to stop, they posted a screenshot of my "
        + "profile with a mocking caption and kept tagging me until late that night.\n\n"
        + "I have not reviewed any pull requests since. I would like it to stop, and I would like the reviews to be fair again.";

    [Fact]
    public async Task A_member_runs_a_whole_case_from_the_open_cases_page_and_the_case_page()
    {
        var folder = Directory.CreateDirectory(Path.Combine(BrowserFixture.RepositoryRoot, ".artifacts", "screenshots")).FullName;
        await using var context = await host.NewContextAsync(new() { ViewportSize = new() { Width = 1000, Height = 900 } });
        var page = await context.NewPageAsync();

        var reference = (await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Report(), ("chat-tuesday.png", "image/png", await ChatPictureAsync(context))))).Reference;
        var urgent = (await Submissions.SubmitAsync(host.Http, Submissions.Multipart(UrgentReport()))).Reference;

        // The first email says that there is a report, not what it says; its Open cases link starts the member's day.
        var first = (await host.Inbox.WaitForAsync(m => m.IsTo("sam@committee.test") && m.Subject.Contains(reference, StringComparison.Ordinal))).Single();
        var mail = await host.Inbox.TextAsync(first);
        Assert.DoesNotContain("quill", mail, StringComparison.Ordinal);
        Assert.DoesNotContain(Reporter, mail, StringComparison.Ordinal);
        var openCases = MailLinks.Find(mail, "open-cases");

        // Each link from mail opens its page once, with a button, so a mail scanner that fetches links spends none.
        await page.GotoAsync(openCases.AbsoluteUri);
        await page.GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your open cases" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = urgent })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();
        await Declaration.NoConflictAsync(page);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Report {reference}", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("go back to translating the docs");

        await ActAsync(page, "acknowledge", "Acknowledge the report", "Thank you. The report is acknowledged.", _ => Task.CompletedTask);
        await Expect(TimelineRow(page, "Acknowledged")).ToContainTextAsync("Sam Okafor");
        await ReporterMailAsync($"Your report {reference} was acknowledged");

        await ActAsync(page, "note", "Add the note", "The note is added to the case.", form =>
            form.GetByLabel("Your note").FillAsync("Mina saw the thread and is willing to talk to us. Kim knows @quill from the release team: Kim, please don't take this one up with them yourself."));
        await Expect(page.Locator("dl", new() { HasText = "Sam Okafor" })).ToContainTextAsync("Mina saw the thread");

        await ActAsync(page, "follow-up", "Send the follow-up", "The follow-up is on its way to the reporter.", async form =>
        {
            await Choose(form, "Has the committee discussed the report?", "Yes");
            await Choose(form, "Was it found to be a violation of the Code of Conduct?", "Not yet decided");
            await form.GetByLabel("What actions, if any, were taken?").FillAsync("We have read the thread and will speak with one of the people who saw it this week.");
            await form.GetByLabel("When will the next update or the resolution come?").FillAsync(Day(7));
        });
        await Expect(TimelineRow(page, "Followed up")).ToContainTextAsync("Sam Okafor");
        await ReporterMailAsync($"Follow-up on your report {reference}");

        await ActAsync(page, "status-update", "Send the status update", "The status update is on its way to the reporter.", async form =>
        {
            await form.GetByLabel("Where does the report stand?").FillAsync("We spoke with a witness and have asked @quill for their account. We expect to decide within two weeks.");
            await form.GetByLabel("When will the next update or the resolution come?").FillAsync(Day(14));
        });
        await Expect(TimelineRow(page, "Status updated")).ToContainTextAsync("Sam Okafor");
        await ReporterMailAsync($"Status update on your report {reference}");

        // A page of many forms: each label still names its own control, by an id used once and without spaces.
        var ids = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('[id]')].map(e => e.id)");
        Assert.DoesNotContain(ids, id => id.Any(char.IsWhiteSpace));
        Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());

        // The pictures for the committee guide: the case mid-way, with its note, picture and steps; the list with both cases.
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "evidence-1.png, a picture the reporter sent" })).ToHaveJSPropertyAsync("complete", true);
        // The whole page holds every form; the picture ends where the follow-up form begins, to stay small.
        var formsEnd = await page.GetByRole(AriaRole.Heading, new() { Name = $"Follow up on report {reference}" })
            .EvaluateAsync<float>("h => h.getBoundingClientRect().top + window.scrollY");
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "case-page.png"), FullPage = true, Clip = new() { X = 0, Y = 0, Width = 1000, Height = formsEnd - 16 } });
        await page.GotoAsync(openCases.AbsoluteUri);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = reference })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "open-cases.png"), FullPage = true });
        await page.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();

        await ActAsync(page, "resolve", "Resolve the report", "The report is resolved.", async form =>
        {
            await Choose(form, "Was it found to be a violation of the Code of Conduct?", "Yes");
            await Choose(form, "For the transparency report: what kind of incident was it?", "Harassment or intimidation");
            await form.GetByLabel("What actions, if any, were taken?").FillAsync("A written warning to the reported person, and a month without review rights.");
            await form.GetByLabel("For the transparency report: a generalized description").FillAsync("Insulting replies to a contributor in a project channel; a warning and a temporary restriction.");
        });
        await Expect(TimelineRow(page, "Resolved")).ToContainTextAsync("Sam Okafor");
        await ReporterMailAsync($"Your report {reference} was resolved");

        // The day after the decision: Sam tells @quill what must change, @quill answers once from their own link, and
        // the committee drafts a public statement, asking the reporter whether it may name her.
        await ActAsync(page, "tell-reported", "Send the notice", "The notice is on its way.", async form =>
        {
            await form.GetByLabel("Their email address").FillAsync(Quill);
            await form.GetByLabel("The behaviour the committee is concerned with").FillAsync("Insulting replies to a contributor's review in #contributors, and tagging them late into the night.");
            await form.GetByLabel("What must change (optional)").FillAsync("Review comments are about the code. No messages or tags to the contributor for a month.");
            await form.GetByLabel("Why tell them now (for the committee only)").FillAsync("We have decided; the restriction starts today.");
        });
        var notice = (await host.Inbox.WaitForAsync(m => m.IsTo(Quill))).Single();
        var quill = await context.NewPageAsync();
        await quill.GotoAsync(MailLinks.Find(await host.Inbox.TextAsync(notice), "statement").AbsoluteUri);
        await quill.GetByLabel("Your statement").FillAsync("I was frustrated with the review and took it out on the reviewer. I have apologised in the thread.");
        await quill.GetByRole(AriaRole.Button, new() { Name = "Send your statement" }).ClickAsync();
        await Expect(quill.Locator("main")).ToContainTextAsync("Your statement was sent to the committee.");
        await quill.CloseAsync();

        await page.ReloadAsync();
        await ActAsync(page, "public-statement", "Save the draft and ask", "The draft is saved.", async form =>
        {
            await form.GetByLabel("The statement, naming people").FillAsync("After a report by Priya, a contributor was restricted from reviews for a month for insulting replies in #contributors.");
            await form.GetByLabel("The statement, naming no one").FillAsync("A contributor was restricted from reviews for a month for insulting replies in a project channel.");
            await form.GetByLabel("The reporter", new() { Exact = true }).CheckAsync();
        });
        await Expect(page.Locator("main")).ToContainTextAsync("I have apologised in the thread.");
        var sideTop = await page.GetByRole(AriaRole.Heading, new() { Name = "The reported person's side" }).EvaluateAsync<float>("h => h.getBoundingClientRect().top + window.scrollY");
        var notesTop = await page.GetByRole(AriaRole.Heading, new() { Name = "Committee notes (never shown to the reporter)" }).EvaluateAsync<float>("h => h.getBoundingClientRect().top + window.scrollY");
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "after-the-decision.png"), FullPage = true, Clip = new() { X = 0, Y = sideTop - 16, Width = 1000, Height = notesTop - sideTop } });

        // The reporter's side of it: the resolution mail brings her the appeal, and then the question of being named.
        var resolvedMail = (await host.Inbox.WaitForAsync(m => m.IsTo(Reporter) && m.Subject == $"Your report {reference} was resolved")).Single();
        var priya = await context.NewPageAsync();
        await priya.GotoAsync(MailLinks.Find(await host.Inbox.TextAsync(resolvedMail), "appeal").AbsoluteUri);
        await Expect(priya.GetByRole(AriaRole.Heading, new() { Name = $"Appeal the decision on {reference}" })).ToBeVisibleAsync();
        await priya.ScreenshotAsync(new() { Path = Path.Combine(folder, "appeal.png"), FullPage = true });
        await priya.CloseAsync();
        await ReporterMailAsync($"May a public statement name you? (report {reference})");

        // Resolved, the case offers no more steps of the procedure, and leaves the member's list.
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send the status update" })).ToHaveCountAsync(0);
        await page.GotoAsync(openCases.AbsoluteUri);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = urgent })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = reference })).ToHaveCountAsync(0);

        async Task ReporterMailAsync(string subject) =>
            await host.Inbox.WaitForAsync(m => m.IsTo(Reporter) && m.Subject == subject);
    }

    /// <summary>
    /// Fills the form of one action on the case page, sends it, sees its result, and follows the result page's way
    /// back to the case page.
    /// </summary>
    static async Task ActAsync(IPage page, string path, string button, string result, Func<ILocator, Task> fill)
    {
        var form = page.Locator($"form[action$='/{path}']");
        await fill(form);
        await form.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync(result);
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the case" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Timeline" })).ToBeVisibleAsync();
    }

    static Task Choose(ILocator form, string question, string answer) =>
        form.GetByRole(AriaRole.Group, new() { Name = question }).GetByLabel(answer, new() { Exact = true }).CheckAsync();

    static ILocator TimelineRow(IPage page, string step) =>
        page.GetByRole(AriaRole.Region, new() { Name = "Timeline" }).Locator("tr", new() { HasText = step });

    static string Day(int fromToday) => DateTime.UtcNow.Date.AddDays(fromToday).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    static Dictionary<string, string> Report() => new()
    {
        ["description"] = Narrative,
        ["contactChoice"] = "contact",
        ["contactName"] = "Priya",
        ["contactEmail"] = Reporter,
        ["occurredAt"] = "Tuesday, from about 19:30 until after 22:00 UTC",
        ["isOngoing"] = "no",
        ["setting"] = "online",
        ["onlineSpace"] = "Project chat, #contributors",
        ["conversationLink"] = "https://chat.example.org/contributors/8812",
        ["reportedPerson"] = "@quill on the project chat and on GitHub",
        ["othersInvolved"] = "Mina (@mina-k) saw it and asked them to stop in the thread.",
        ["safetyConcerns"] = "I worry that my pull requests will be blocked if they learn I reported this.",
    };

    static Dictionary<string, string> UrgentReport() => new()
    {
        ["description"] = "Someone at the meetup keeps following me between the rooms and standing too close. I left the talk early.",
        ["contactChoice"] = "anonymous",
        ["isOngoing"] = "yes",
        ["setting"] = "physical",
        ["eventName"] = "Spring meetup",
        ["feelsUnsafe"] = "true",
    };

    /// <summary>The reporter's evidence: a picture of the chat thread, drawn by the browser as a phone's screenshot would show it.</summary>
    static async Task<byte[]> ChatPictureAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await page.SetContentAsync("""
            <div id="chat" style="width:460px;padding:12px 16px;font:15px/1.45 system-ui,sans-serif;background:#f6f7f9;color:#1b1b1f">
              <p style="margin:0 0 4px;color:#555">#contributors</p>
              <p style="margin:8px 0"><b>priya</b> I left a few comments on the parser change, mostly naming.</p>
              <p style="margin:8px 0"><b>quill</b> nobody asked for your opinion. learn english first</p>
              <p style="margin:8px 0"><b>quill</b> go back to translating the docs where you belong</p>
              <p style="margin:8px 0"><b>priya</b> Please stop. This is not OK.</p>
              <p style="margin:8px 0"><b>mina-k</b> @quill that's out of line</p>
            </div>
            """);
        var picture = await page.Locator("#chat").ScreenshotAsync();
        await page.CloseAsync();
        return picture;
    }
}
