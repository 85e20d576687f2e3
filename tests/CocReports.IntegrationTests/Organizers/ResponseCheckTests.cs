using System.Globalization;
using System.Net;
using CocReports.Api.Organizers;
using CocReports.Procedure.Links;
using CocReports.Procedure.Storage;
using CocReports.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CocReports.IntegrationTests;

/// <summary>
/// An organizer asks, with their personal link, whether someone is under a response: by an identifier matched by keyed
/// hash, the answer says what, where and until when, and nothing of the report, the reporter or the reasons; each check
/// is audited without the identifier, and an organizer's checks are counted.
/// </summary>
public sealed class ResponseCheckTests(ResponseCheckTests.Host host) : IClassFixture<ResponseCheckTests.Host>
{
    [Fact]
    public async Task An_organizer_learns_that_a_banned_person_is_under_a_response_and_nothing_of_the_report()
    {
        var address = $"pat-{Guid.NewGuid():N}@example.org";
        var marker = Guid.NewGuid().ToString("N");
        var reporter = Submissions.NewReporter();
        var fields = Submissions.Fields(reporter, $"Pat shouted at me at the booth {marker}.");
        fields["reportedPerson"] = $"Pat Example <{address}>";
        var reference = (await Submissions.SubmitAsync(host.Http, Submissions.Multipart(fields))).Reference;
        await host.Inbox.WaitForAsync(m => m.IsTo("alex@committee.test") && m.Subject.Contains(reference, StringComparison.Ordinal));

        var (status, page) = await CheckAsync("ada", address);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("No: no response that keeps this person out", page, StringComparison.Ordinal);

        var ends = DateTimeOffset.UtcNow.AddDays(10);
        await MemberActions.ActAsync(host, reference, "alex", CaseAction.Resolve, new()
        {
            ["violation"] = "yes",
            ["incidentType"] = "Other",
            ["actions"] = "A temporary ban.",
            ["publicSummary"] = "A participant was banned for a while.",
            ["response"] = "Temporary ban",
            ["responseEnds"] = ends.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["scope"] = "TestConf and the project chat",
            ["conditions"] = "An apology to the people affected.",
        });

        (status, page) = await CheckAsync("ada", "mailto:" + address.ToUpperInvariant());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Yes: this person is under a response", page, StringComparison.Ordinal);
        Assert.Contains("Temporary ban", page, StringComparison.Ordinal);
        Assert.Contains("TestConf and the project chat", page, StringComparison.Ordinal);
        Assert.Contains(ends.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), page, StringComparison.Ordinal);
        foreach (var secret in new[] { reference, reporter, marker, "Pat Example", "An apology", "A temporary ban.", "banned for a while" })
        {
            Assert.DoesNotContain(secret, page, StringComparison.Ordinal);
        }

        (status, page) = await CheckAsync("ada", "Pat Example");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("a name or a bare @handle could be someone else", page, StringComparison.Ordinal);

        (status, _) = await CheckAsync("nobody", address);
        Assert.Equal(HttpStatusCode.Forbidden, status);

        var trail = await host.Services.GetRequiredService<IAuditTrail>().ReadAsync(ResponseCheck.AuditChain, CancellationToken.None);
        Assert.Contains(trail, l => l.Entry is { MemberId: "organizer:ada", What: "response-check.yes" });
        Assert.Contains(trail, l => l.Entry is { MemberId: "organizer:ada", What: "response-check.no" });
        Assert.DoesNotContain(trail, l => l.Entry.What.Contains("pat", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task An_organizers_checks_are_counted_so_a_leaked_link_cannot_run_through_a_list()
    {
        for (var i = 0; i < Host.CheckLimit; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await CheckAsync("grace", $"someone-{i}@example.org")).Status);
        }

        var (status, page) = await CheckAsync("grace", "one-more@example.org");
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Contains("Nothing was checked", page, StringComparison.Ordinal);
    }

    async Task<(HttpStatusCode Status, string Page)> CheckAsync(string organizer, string identifier)
    {
        var token = MailLinks.Token(host.OrganizerLink(organizer));
        using var response = await host.Http.PostAsync(ResponseCheck.Path, new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token, ["identifier"] = identifier }));
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    /// <summary>Two organizers of TestConf, and a small budget of checks.</summary>
    public sealed class Host : LocalHostFixture
    {
        public const int CheckLimit = 5;

        public Uri OrganizerLink(string id) =>
            new OrganizerLinks(new LinkOptions { SigningKey = SigningKey, PublicBaseUrl = BaseUrl }, TimeProvider.System).Create(id);

        protected override void Configure(IDictionary<string, string?> settings)
        {
            base.Configure(settings);
            string[] people = ["ada", "grace"];
            for (var i = 0; i < people.Length; i++)
            {
                settings[$"Organizers:People:{i}:Id"] = people[i];
                settings[$"Organizers:People:{i}:Name"] = people[i];
                settings[$"Organizers:People:{i}:Email"] = people[i] + "@organizers.test";
                settings[$"Organizers:People:{i}:Event"] = "TestConf";
            }

            settings["RateLimits:ResponseChecks:PermitLimit"] = CheckLimit.ToString(CultureInfo.InvariantCulture);
        }
    }
}
