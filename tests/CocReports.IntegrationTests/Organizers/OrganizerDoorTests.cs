using System.Net;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using CocReports.Procedure.Links;
using CocReports.Procedure.Reports;
using CocReports.Testing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Time.Testing;

namespace CocReports.IntegrationTests;

/// <summary>Reports taken by organizers at events, through their personal intake links, on the local host.</summary>
[Collection(Name)]
public sealed partial class OrganizerDoorTests(OrganizerDoorTests.Host host)
{
    public const string Name = "organizer door";

    [Fact]
    public async Task A_report_an_organizer_takes_runs_the_same_workflow_and_the_reporter_leaves_with_a_receipt()
    {
        var link = host.OrganizerLink("ada");
        var form = await host.Http.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("Take a Code of Conduct report at TestConf", await form.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var reporter = Submissions.NewReporter();
        var receipt = await SubmitAsync(link, new()
        {
            ["description"] = "A sponsor rep made comments about my appearance at their booth.",
            ["location"] = "Hall B, booth 12",
            ["ongoing"] = "no",
            ["involved"] = "Tall, green lanyard, company Acme",
            ["helpOffered"] = "Offered an escort to the quiet room",
            ["identity"] = "share",
            ["contactName"] = "Robin",
            ["contactEmail"] = reporter,
        });
        Assert.Equal(HttpStatusCode.Created, receipt.StatusCode);
        var page = await receipt.Content.ReadAsStringAsync();
        var reference = ReferencePattern().Match(page).Value;
        Assert.Contains("Receipt code", page, StringComparison.Ordinal);
        Assert.Contains("will also receive the reference and the code by email", page, StringComparison.Ordinal);

        var notices = await host.Inbox.WaitForAsync(m => m.Subject.StartsWith("New Code of Conduct report " + reference, StringComparison.Ordinal), LocalHostFixture.Members.Length);
        var text = await host.Inbox.TextAsync(notices[0]);
        Assert.Contains("Came in through:\nAn organizer at the event", text, StringComparison.Ordinal);
        Assert.Contains("Taken by:\nAda Lovelace, organizer at TestConf", text, StringComparison.Ordinal);
        Assert.Contains("Help offered: Offered an escort to the quiet room", text, StringComparison.Ordinal);
        Assert.Contains(reference, (await host.Inbox.WaitForAsync(m => m.IsTo(reporter))).Single().Subject, StringComparison.Ordinal);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Workflows.GetInstanceAsync(WorkflowInstance.For(reference)))!.RuntimeStatus);
    }

    [Fact]
    public async Task An_urgent_report_alerts_the_events_other_organizers_and_the_committee_at_once()
    {
        // The alert names no reference: the place, unique to this run, tells its alert from an earlier run's.
        var place = "Main hall " + Guid.NewGuid().ToString("N")[..6];
        var response = await SubmitAsync(host.OrganizerLink("ada"), new()
        {
            ["description"] = "Someone is following an attendee around the venue right now.",
            ["location"] = place,
            ["ongoing"] = "yes",
            ["identity"] = "anonymous",
        });
        var page = await response.Content.ReadAsStringAsync();
        var reference = ReferencePattern().Match(page).Value;
        Assert.Contains("No email was given", page, StringComparison.Ordinal);

        await host.Inbox.WaitForAsync(m => m.Subject == $"URGENT: New Code of Conduct report {reference} (Test Community)", LocalHostFixture.Members.Length);
        var alerts = await host.Inbox.WaitForAsync(m => m.IsTo("grace@organizers.test") && m.Subject.Contains("URGENT", StringComparison.Ordinal));
        var texts = await Task.WhenAll(alerts.Select(host.Inbox.TextAsync));
        var text = Assert.Single(texts, t => t.Contains(place, StringComparison.Ordinal));
        Assert.DoesNotContain("following an attendee", text, StringComparison.Ordinal);

        // Later, Grace takes an urgent report: Ada hears of that one. The alerts of Ada's own report went out before
        // her receipt page did, so by now any to her or to another event's organizer would be here too.
        var later = "Side hall " + Guid.NewGuid().ToString("N")[..6];
        await SubmitAsync(host.OrganizerLink("grace"), new() { ["description"] = "Someone is shouting at a volunteer.", ["location"] = later, ["ongoing"] = "yes", ["identity"] = "anonymous" });
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string[] adas;
        while (!(adas = await Task.WhenAll((await host.Inbox.AllAsync()).Where(m => m.IsTo("ada@organizers.test")).Select(host.Inbox.TextAsync))).Any(t => t.Contains(later, StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, "Ada got no alert of Grace's urgent report.");
            await Task.Delay(250);
        }

        Assert.DoesNotContain(adas, t => t.Contains(place, StringComparison.Ordinal));
        Assert.DoesNotContain(await host.Inbox.AllAsync(), m => m.IsTo("linus@organizers.test"));
    }

    [Fact]
    public async Task An_organizer_link_opens_no_case_and_no_status_page()
    {
        var link = host.OrganizerLink("ada");
        var token = link.Query["?token=".Length..];
        var response = await SubmitAsync(link, new() { ["description"] = "Filed by the organizer.", ["identity"] = "anonymous" });
        var reference = ReferencePattern().Match(await response.Content.ReadAsStringAsync()).Value;

        foreach (var path in new[] { "view", "acknowledge", "resolve", "answer" })
        {
            var refused = await host.Http.GetAsync($"/api/reports/{reference}/{path}?token={token}");
            Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
            Assert.DoesNotContain("Filed by the organizer", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var status = new FormUrlEncodedContent(new Dictionary<string, string> { ["reference"] = reference, ["receiptCode"] = token });
        var statusPage = await host.Http.PostAsync("/api/status", status);
        Assert.DoesNotContain("Filed by the organizer", await statusPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_removed_organizers_link_is_refused_and_stores_nothing()
    {
        var link = host.OrganizerLink("former");
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Http.GetAsync(link.PathAndQuery)).StatusCode);

        var description = $"Should not be stored {Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.Forbidden, (await SubmitAsync(link, new() { ["description"] = description, ["identity"] = "anonymous" })).StatusCode);

        // A configured organizer's report sent after it is stored; the refused one is not.
        var kept = await SubmitAsync(host.OrganizerLink("grace"), new() { ["description"] = "Kept.", ["identity"] = "anonymous" });
        Assert.Equal(HttpStatusCode.Created, kept.StatusCode);
        var descriptions = await StoredDescriptionsAsync();
        Assert.Contains("Kept.", descriptions);
        Assert.DoesNotContain(description, descriptions);
    }

    [Fact]
    public async Task An_expired_organizer_link_is_refused_and_stores_nothing()
    {
        var link = host.OrganizerLink("ada", new FakeTimeProvider(DateTimeOffset.UtcNow - Host.LinkLifetime - TimeSpan.FromMinutes(1)));
        var form = await host.Http.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.Gone, form.StatusCode);
        Assert.Contains("This organizer link has expired", await form.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var description = $"Sent through an expired link {Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.Gone, (await SubmitAsync(link, new() { ["description"] = description, ["identity"] = "anonymous" })).StatusCode);
        Assert.DoesNotContain(description, await StoredDescriptionsAsync());
    }

    [Fact]
    public async Task A_revoked_organizers_link_is_refused_and_a_link_issued_after_the_revocation_works()
    {
        var before = host.OrganizerLink("hedy");
        var revoked = DateTimeOffset.UtcNow;
        await host.Revocations.UpsertEntityAsync(new TableEntity("organizer", "hedy") { ["NotBefore"] = revoked });
        try
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await host.Http.GetAsync(before.PathAndQuery)).StatusCode);
            var description = $"Sent through a revoked link {Guid.NewGuid():N}";
            var refused = await SubmitAsync(before, new() { ["description"] = description, ["identity"] = "anonymous" });
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains("This organizer link was withdrawn", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.DoesNotContain(description, await StoredDescriptionsAsync());

            // A link issued the millisecond after the revocation (issue times are kept to the millisecond) works.
            var after = host.OrganizerLink("hedy", new FakeTimeProvider(revoked.AddMilliseconds(1)));
            Assert.Equal(HttpStatusCode.OK, (await host.Http.GetAsync(after.PathAndQuery)).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await SubmitAsync(after, new() { ["description"] = "Through the new link.", ["identity"] = "anonymous" })).StatusCode);
        }
        finally
        {
            await host.Revocations.DeleteEntityAsync("organizer", "hedy");
        }
    }

    [Fact]
    public async Task More_reports_than_the_limit_through_one_organizers_links_are_refused_and_nothing_is_stored()
    {
        var link = host.OrganizerLink("katherine");
        for (var i = 0; i < Host.OrganizerLimit; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await SubmitAsync(link, new() { ["description"] = $"Report {i}.", ["identity"] = "anonymous" })).StatusCode);
        }

        // The budget is the organizer's, so a fresh link of theirs gets no fresh one.
        var description = $"One report too many {Guid.NewGuid():N}";
        var refused = await SubmitAsync(host.OrganizerLink("katherine"), new() { ["description"] = description, ["identity"] = "anonymous" });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("The report was not sent", page, StringComparison.Ordinal);
        Assert.DoesNotContain(description, await StoredDescriptionsAsync());

        // Another organizer's budget is their own.
        Assert.Equal(HttpStatusCode.Created, (await SubmitAsync(host.OrganizerLink("hedy"), new() { ["description"] = "Hedy's report.", ["identity"] = "anonymous" })).StatusCode);
    }

    async Task<List<string?>> StoredDescriptionsAsync()
    {
        var descriptions = new List<string?>();
        await foreach (var entity in host.Reports.QueryAsync<TableEntity>(e => e.RowKey == "report"))
        {
            descriptions.Add(entity.GetString("Description"));
        }

        return descriptions;
    }

    async Task<HttpResponseMessage> SubmitAsync(Uri link, Dictionary<string, string> fields)
    {
        fields["token"] = link.Query["?token=".Length..];
        using var content = new FormUrlEncodedContent(fields);
        return await host.Http.PostAsync("/api/organizer/intake", content);
    }

    [GeneratedRegex("COC-[0-9A-Z]{4}-[0-9A-Z]{4}")]
    private static partial Regex ReferencePattern();

    public sealed class Host : LocalHostFixture
    {
        public static readonly TimeSpan LinkLifetime = TimeSpan.FromDays(30);

        public const int OrganizerLimit = 4;

        public Uri OrganizerLink(string id, TimeProvider? clock = null) =>
            new OrganizerLinks(new LinkOptions { SigningKey = SigningKey, PublicBaseUrl = BaseUrl, OrganizerLifetime = LinkLifetime }, clock ?? TimeProvider.System).Create(id);

        protected override void Configure(IDictionary<string, string?> settings)
        {
            (string Id, string Name, string Event)[] people =
            [
                ("ada", "Ada Lovelace", "TestConf"),
                ("grace", "Grace Hopper", "TestConf"),
                ("linus", "Linus Pauling", "OtherConf"),
                ("hedy", "Hedy Lamarr", "ThirdConf"),
                ("katherine", "Katherine Johnson", "ThirdConf"),
            ];
            for (var i = 0; i < people.Length; i++)
            {
                settings[$"Organizers:People:{i}:Id"] = people[i].Id;
                settings[$"Organizers:People:{i}:Name"] = people[i].Name;
                settings[$"Organizers:People:{i}:Email"] = people[i].Id + "@organizers.test";
                settings[$"Organizers:People:{i}:Event"] = people[i].Event;
                settings[$"Organizers:People:{i}:EventDates"] = "12-14 June";
            }

            settings["Links:OrganizerLifetime"] = LinkLifetime.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
            settings["RateLimits:OrganizerIntake:PermitLimit"] = OrganizerLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    [CollectionDefinition(Name)]
    public sealed class Collection : ICollectionFixture<Host>;
}
