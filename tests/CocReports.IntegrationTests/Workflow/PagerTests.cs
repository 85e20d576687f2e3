using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using CocReports.Procedure.Intake;
using CocReports.Procedure.Timeline;
using CocReports.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CocReports.IntegrationTests;

/// <summary>
/// An urgent report pages each member who has a pager at once, beside their mail (a real HTTP server on loopback
/// stands in for ntfy and a Slack webhook): in the pager's own format, with the reference and nothing else of the
/// report; never a member the reporter kept out, and never for a report that is not urgent.
/// </summary>
public sealed class PagerTests(PagerTests.Host host) : IClassFixture<PagerTests.Host>
{
    static readonly TimeSpan Long = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task An_urgent_report_pages_every_member_it_reaches_in_their_pagers_format_and_no_one_else()
    {
        var secret = "Pager secret " + Guid.NewGuid().ToString("N");
        var ordinary = await SubmitAsync(urgent: false, secret);
        var urgent = await SubmitAsync(urgent: true, secret);

        var toAlex = await host.Pages.WaitForAsync(p => p.Path == "/alex" && p.Body.Contains(urgent.Reference, StringComparison.Ordinal), Long);
        Assert.Equal("Urgent Code of Conduct report", toAlex.Title);
        Assert.Equal("urgent", toAlex.Priority);
        var toSam = await host.Pages.WaitForAsync(p => p.Path == "/sam" && p.Body.Contains(urgent.Reference, StringComparison.Ordinal), Long);
        Assert.Contains(urgent.Reference, JsonDocument.Parse(toSam.Body).RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);

        // Kim's pager failed: their mail came all the same, and the committee sees the failure on the timeline.
        await host.Inbox.WaitForAsync(m => m.IsTo("kim@committee.test") && m.Subject.Contains(urgent.Reference, StringComparison.Ordinal), 1, Long);
        await Guarantees.GuaranteesHost.EventuallyAsync(async () =>
        {
            var steps = await host.Services.GetRequiredService<ITimeline>().ReadAsync(urgent.Reference, CancellationToken.None);
            return steps.Any(s => s.Step == CaseStep.PageFailed && s.Note == "Kim Tanaka's pager");
        }, "The failed page is not on the timeline.");

        // Alex kept out of the next one: only Sam is paged, and that page is the later signal the checks below wait for.
        var keptOut = await SubmitAsync(urgent: true, secret, keepOut: "alex");
        await host.Pages.WaitForAsync(p => p.Path == "/sam" && p.Body.Contains(keptOut.Reference, StringComparison.Ordinal), Long);

        Assert.DoesNotContain(host.Pages.All, p => p.Path == "/alex" && p.Body.Contains(keptOut.Reference, StringComparison.Ordinal));
        Assert.DoesNotContain(host.Pages.All, p => p.Body.Contains(ordinary.Reference, StringComparison.Ordinal));
        Assert.DoesNotContain(host.Pages.All, p => p.Body.Contains(secret, StringComparison.Ordinal) || p.Body.Contains("http", StringComparison.Ordinal));
    }

    async Task<Receipt> SubmitAsync(bool urgent, string secret, string? keepOut = null)
    {
        var fields = Submissions.Fields(Submissions.NewReporter(), secret);
        if (urgent)
        {
            fields["isOngoing"] = "yes";
        }

        if (keepOut is not null)
        {
            fields[ReportFields.ExcludedMembers] = keepOut;
        }

        return await Submissions.SubmitAsync(host.Http, Submissions.Multipart(fields));
    }

    /// <summary>Alex's pager takes text (as ntfy does), Sam's is a Slack webhook, Kim's answers 500.</summary>
    public sealed class Host : LocalHostFixture
    {
        public PageReceiver Pages { get; } = new();

        public override async Task InitializeAsync()
        {
            Pages.Start();
            await base.InitializeAsync();
        }

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            Pages.Dispose();
        }

        protected override void Configure(IDictionary<string, string?> settings)
        {
            base.Configure(settings);
            settings["Committee:Members:0:Pager"] = new Uri(Pages.BaseUrl, "alex").AbsoluteUri;
            settings["Committee:Members:1:Pager"] = new Uri(Pages.BaseUrl, "sam").AbsoluteUri;
            settings["Committee:Members:1:PagerFormat"] = "Slack";
            settings["Committee:Members:2:Pager"] = new Uri(Pages.BaseUrl, "broken").AbsoluteUri;
            settings["Workflow:AcknowledgeWithin"] = "01:00:00";
            settings["Workflow:AcknowledgeRemindAfter:0"] = "00:30:00";
            settings["Workflow:UrgentAcknowledgeWithin"] = "01:00:00";
        }
    }

    /// <summary>A loopback HTTP server that keeps every POST it receives and answers 200.</summary>
    public sealed class PageReceiver : IDisposable
    {
        readonly HttpListener listener = new();
        readonly ConcurrentQueue<Page> pages = new();

        public Uri BaseUrl { get; } = new($"http://127.0.0.1:{LoopbackPorts.Free()}/");

        public IReadOnlyList<Page> All => [.. pages];

        public void Start()
        {
            listener.Prefixes.Add(BaseUrl.AbsoluteUri);
            listener.Start();
            _ = Task.Run(async () =>
            {
                while (listener.IsListening)
                {
                    HttpListenerContext context;
                    try
                    {
                        context = await listener.GetContextAsync();
                    }
                    catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                    {
                        return;
                    }

                    using var reader = new StreamReader(context.Request.InputStream);
                    pages.Enqueue(new Page(context.Request.Url!.AbsolutePath, context.Request.Headers["Title"], context.Request.Headers["Priority"], await reader.ReadToEndAsync()));
                    context.Response.StatusCode = context.Request.Url.AbsolutePath.StartsWith("/broken", StringComparison.Ordinal) ? 500 : 200;
                    context.Response.Close();
                }
            });
        }

        public async Task<Page> WaitForAsync(Func<Page, bool> match, TimeSpan within)
        {
            var deadline = DateTime.UtcNow + within;
            while (DateTime.UtcNow < deadline)
            {
                if (pages.FirstOrDefault(match) is { } page)
                {
                    return page;
                }

                await Task.Delay(100);
            }

            throw new TimeoutException($"No such page within {within}; received: {string.Join(", ", pages.Select(p => p.Path))}");
        }

        public void Dispose() => listener.Close();
    }

    public sealed record Page(string Path, string? Title, string? Priority, string Body);
}
