using System.Text.Json;
using Azure.Data.Tables;
using CocReports.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CocReports.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class ReportingTests(BrowserFixture host) : IDisposable
{
    readonly string files = Directory.CreateTempSubdirectory("coc-evidence-").FullName;

    // Keeps the highest value each <progress> reached: the bars are replaced once the confirmation shows.
    const string RecordProgress = """
        () => {
          const root = document.querySelector('coc-report-form').shadowRoot;
          const seen = window.progressSeen = {};
          new MutationObserver(changes => {
            for (const c of changes) {
              if (c.target.localName !== 'progress') continue;
              seen[c.target.id] = Math.max(seen[c.target.id] ?? 0, c.target.value / c.target.max);
            }
          }).observe(root, { subtree: true, attributes: true, attributeFilter: ['value'] });
        }
        """;

    [Fact]
    public async Task A_reporter_on_another_site_files_a_complete_report_with_two_files_and_only_the_members_not_excluded_are_told()
    {
        var reporter = Submissions.NewReporter();
        var png = Path.Combine(files, "screenshot.png");
        var pdf = Path.Combine(files, "chat-log.pdf");
        await File.WriteAllBytesAsync(png, Submissions.Png(60_000));
        await File.WriteAllBytesAsync(pdf, Submissions.Pdf(40_000));

        await using var context = await host.NewContextAsync();
        var form = await ReportForm.OpenAsync(context, host.AllowedSite.ComponentPage);
        await form.WaitForApiDataAsync();

        await form.Control("description").FillAsync("He made remarks about my accent during the talk Q&A.");
        await form.Control("occurredAt").FillAsync("Saturday afternoon, during the conference");
        await form.Control("location").FillAsync("Room B, main venue");
        await form.Control("isOngoing-yes").CheckAsync();
        await form.Control("setting-physical").CheckAsync();
        await Expect(form.Control("onlineSpace")).ToBeHiddenAsync();
        await form.Control("eventName").FillAsync("CommunityConf 2025, Lisbon");
        await form.Control("circumstances").FillAsync("It started after I asked a question.");
        await form.Control("reportedPerson").FillAsync("Tall, red badge, speaker ribbon");
        await form.Control("othersInvolved").FillAsync("Two attendees in the front row saw it.");
        await form.Control("evidence").SetInputFilesAsync([png, pdf]);
        await Expect(form.Frame.Locator(".files .file-name")).ToHaveTextAsync(["screenshot.png", "chat-log.pdf"]);
        await form.Control("safetyConcerns").FillAsync("He knows which hotel I am staying at.");
        await form.Control("feelsUnsafe").CheckAsync();
        await form.Frame.GetByLabel("Kim Tanaka").CheckAsync();
        await form.Control("contactChoice-contact").CheckAsync();
        await form.Control("contactName").FillAsync("Rita");
        await form.Control("contactEmail").FillAsync(reporter);

        await form.Frame.EvaluateAsync(RecordProgress);
        var (reference, receiptCode) = await form.SendAsync();

        var progress = await form.Frame.EvaluateAsync<Dictionary<string, double>>("() => window.progressSeen");
        Assert.Equal(1.0, progress["file-progress-0"]);
        Assert.Equal(1.0, progress["file-progress-1"]);
        Assert.Equal(1.0, progress["send-progress"]);
        await Expect(form.Frame.Locator("#done-receiptCode")).ToHaveTextAsync(receiptCode);

        var row = (await host.Reports.GetEntityAsync<TableEntity>(reference, "report")).Value;
        Assert.Equal("He made remarks about my accent during the talk Q&A.", row.GetString("Description"));
        Assert.Equal("Saturday afternoon, during the conference", row.GetString("OccurredAt"));
        Assert.Equal("Room B, main venue", row.GetString("Location"));
        Assert.Equal("Yes", row.GetString("IsOngoing"));
        Assert.Equal("Physical", row.GetString("Setting"));
        Assert.Equal("CommunityConf 2025, Lisbon", row.GetString("EventName"));
        Assert.Equal("It started after I asked a question.", row.GetString("Circumstances"));
        Assert.Equal("Tall, red badge, speaker ribbon", row.GetString("ReportedPerson"));
        Assert.Equal("Two attendees in the front row saw it.", row.GetString("OthersInvolved"));
        Assert.Equal("He knows which hotel I am staying at.", row.GetString("SafetyConcerns"));
        Assert.True(row.GetBoolean("FeelsUnsafe"));
        Assert.Equal(["kim"], JsonSerializer.Deserialize<string[]>(row.GetString("ExcludedMembers")!)!);
        Assert.Equal("Rita", row.GetString("ContactName"));
        Assert.Equal(reporter, row.GetString("ContactEmail"));
        Assert.Equal(2, (await host.EvidenceBlobsAsync(reference)).Count);

        var receipt = (await host.Inbox.WaitForAsync(m => m.IsTo(reporter) && m.Subject.Contains(reference, StringComparison.Ordinal))).Single();
        Assert.Contains(receiptCode, await host.Inbox.TextAsync(receipt), StringComparison.Ordinal);
        var notices = await host.Inbox.WaitForAsync(m => m.Subject.Contains("New Code of Conduct report " + reference, StringComparison.Ordinal), 2);
        Assert.Single(notices, m => m.IsTo("alex@committee.test"));
        Assert.Single(notices, m => m.IsTo("sam@committee.test"));
        // Later, the acknowledgment reminders reach the two members: the excluded one still has nothing about this report.
        await host.Inbox.WaitForAsync(m => m.Subject == "URGENT: Reminder: acknowledge report " + reference, 2, TimeSpan.FromSeconds(30));
        Assert.DoesNotContain(await host.Inbox.AboutAsync(reference), m => m.IsTo("kim@committee.test"));
    }

    public void Dispose() => Directory.Delete(files, recursive: true);
}
