using CocReports.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CocReports.IntegrationTests;

/// <summary>
/// The app placed as Flex Consumption places it: HTTP functions on one instance, the workflows on another, one task
/// hub between them. An instance that runs no workflows still takes reports and starts theirs; the other runs them.
/// </summary>
[Collection(Name)]
public sealed class WorkflowsApartTests(WorkflowsApartTests.Hosts hosts)
{
    public const string Name = "workflows apart";

    [Fact]
    public async Task A_report_taken_by_an_instance_running_no_workflows_is_announced_by_the_instance_that_runs_them()
    {
        Assert.DoesNotContain(hosts.Http.Services.GetServices<IHostedService>(), service => service.GetType().Name.Contains("Worker", StringComparison.Ordinal));

        var reporter = Submissions.NewReporter();
        var receipt = await Submissions.SubmitAsync(hosts.Http.Http, Submissions.Multipart(Submissions.Fields(reporter)));

        await hosts.Engine.Inbox.WaitForAsync(m => m.IsTo(reporter), 1);
        var committee = await hosts.Engine.Inbox.WaitForAsync(
            m => m.Subject.StartsWith("New Code of Conduct report", StringComparison.Ordinal) && m.Subject.Contains(receipt.Reference, StringComparison.Ordinal),
            LocalHostFixture.Members.Length);
        Assert.Equal(LocalHostFixture.Members.Length, committee.Count);
    }

    /// <summary>Serves HTTP only, on the workflow host's storage, keys and task hub.</summary>
    public sealed class HttpOnlyHost : LocalHostFixture
    {
        readonly string taskHub;

        public HttpOnlyHost(LocalHostFixture engine)
            : base(engine) => taskHub = engine.TaskHubName;

        protected override void Configure(IDictionary<string, string?> settings)
        {
            settings["LocalHost:Workflows"] = "false";
            settings["LocalHost:TaskHubName"] = taskHub;
        }
    }

    public sealed class Hosts() : HostPair<LocalHostFixture, HttpOnlyHost>(new LocalHostFixture(), engine => new HttpOnlyHost(engine))
    {
        public LocalHostFixture Engine => First;

        public HttpOnlyHost Http => Second;
    }

    [CollectionDefinition(Name)]
    public sealed class Collection : ICollectionFixture<Hosts>;
}
