using System.Net;
using CocReports.LocalHost;
using CocReports.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CocReports.IntegrationTests;

/// <summary>
/// A member acts while the instance that serves them can't reach the workflow engine: the action is stored and the
/// member thanked, and the sweep tells the workflow later, so the reporter still hears of it. Two hosts of one app, as
/// in <see cref="WorkflowsApartTests"/>: the member's requests go to the one whose engine connection is stopped.
/// </summary>
[Collection(Name)]
public sealed class CaseEventSweepTests(CaseEventSweepTests.Hosts hosts)
{
    public const string Name = "case event sweep";

    [Fact]
    public async Task An_acknowledgment_made_while_the_engine_is_unreachable_still_reaches_the_reporter()
    {
        var reporter = Submissions.NewReporter();
        var receipt = await Submissions.SubmitAsync(hosts.Http.Http, Submissions.Multipart(Submissions.Fields(reporter)));
        await hosts.Engine.Inbox.WaitForAsync(m => m.IsTo(reporter));
        var notice = (await hosts.Engine.Inbox.WaitForAsync(m => m.IsTo("sam@committee.test") && m.Subject.Contains(receipt.Reference, StringComparison.Ordinal))).First();
        var link = MailLinks.Find(await hosts.Engine.Inbox.TextAsync(notice), "acknowledge");

        // The engine goes away between the acknowledgment being stored and the workflow being told.
        var engine = hosts.Http.Services.GetServices<IHostedService>().OfType<DurableTaskSidecar>().Single();
        await engine.StopAsync(CancellationToken.None);

        var page = await hosts.Http.Http.PostAsync(link.AbsolutePath, new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = MailLinks.Token(link) }));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("The report is acknowledged", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var acknowledged = await hosts.Engine.Inbox.WaitForAsync(m => m.IsTo(reporter) && m.Subject.Contains("was acknowledged", StringComparison.Ordinal));
        Assert.Single(acknowledged);
    }

    /// <summary>
    /// The workflows and the sweep (every second) run on the intake sweep's host; the member's requests go to an
    /// instance that serves HTTP only, through an engine connection of its own.
    /// </summary>
    public sealed class Hosts() : HostPair<IntakeSweepTests.Host, WorkflowsApartTests.HttpOnlyHost>(new IntakeSweepTests.Host(), engine => new WorkflowsApartTests.HttpOnlyHost(engine))
    {
        public IntakeSweepTests.Host Engine => First;

        public WorkflowsApartTests.HttpOnlyHost Http => Second;
    }

    [CollectionDefinition(Name)]
    public sealed class Collection : ICollectionFixture<Hosts>;
}
