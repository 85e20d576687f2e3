using System.Net;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using CocReports.Procedure.Links;
using CocReports.Procedure.Reports;
using CocReports.Testing;
using Microsoft.DurableTask.Client;

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
        var response = await SubmitAsync(host.OrganizerLink("ada"), new()
        {
            ["description"] = "Someone is following an attendee around the venue right now.",
            ["location"] = "Main hall",
            ["ongoing"] = "yes",
            ["identity"] = "anonymous",
        });
        var page = await response.Content.ReadAsStringAsync();
        var reference = ReferencePattern().Match(page).Value;
        Assert.Contains("No email was given", page, StringComparison.Ordinal);

        await host.Inbox.WaitForAsync(m => m.Subject == $"URGENT: New Code of Conduct report {reference} (Test Community)", LocalHostFixture.Members.Length);
        var alert = Assert.Single(await host.Inbox.WaitForAsync(m => m.IsTo("grace@organizers.test") && m.Subject.Contains("URGENT", StringComparison.Ordinal)));
        var text = await host.Inbox.TextAsync(alert);
        Assert.Contains("Main hall", text, StringComparison.Ordinal);
        Assert.DoesNotContain("following an attendee", text, StringComparison.Ordinal);

        var all = await host.Inbox.AllAsync();
        Assert.DoesNotContain(all, m => m.IsTo("linus@organizers.test"));
        Assert.DoesNotContain(all, m => m.IsTo("ada@organizers.test"));
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
        var descriptions = new List<string?>();
        await foreach (var entity in host.Reports.QueryAsync<TableEntity>(e => e.RowKey == "report"))
        {
            descriptions.Add(entity.GetString("Description"));
        }

        Assert.Contains("Kept.", descriptions);
        Assert.DoesNotContain(description, descriptions);
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
        public Uri OrganizerLink(string id) =>
            new OrganizerLinks(new LinkOptions { SigningKey = SigningKey, PublicBaseUrl = BaseUrl }).Create(id);

        protected override void Configure(IDictionary<string, string?> settings)
        {
            (string Id, string Name, string Event)[] people =
            [
                ("ada", "Ada Lovelace", "TestConf"),
                ("grace", "Grace Hopper", "TestConf"),
                ("linus", "Linus Pauling", "OtherConf"),
            ];
            for (var i = 0; i < people.Length; i++)
            {
                settings[$"Organizers:People:{i}:Id"] = people[i].Id;
                settings[$"Organizers:People:{i}:Name"] = people[i].Name;
                settings[$"Organizers:People:{i}:Email"] = people[i].Id + "@organizers.test";
                settings[$"Organizers:People:{i}:Event"] = people[i].Event;
                settings[$"Organizers:People:{i}:EventDates"] = "12-14 June";
            }
        }
    }

    [CollectionDefinition(Name)]
    public sealed class Collection : ICollectionFixture<Host>;
}
