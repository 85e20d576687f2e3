using System.Globalization;
using CocReports.Procedure.Links;
using CocReports.Procedure.Timeline;
using CocReports.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CocReports.IntegrationTests;

/// <summary>
/// A response decided at resolution keeps its own clock on the real durable engine: a temporary ban of seconds is
/// reminded before it ends, its end is told to the committee and written to the timeline, and a member extends it,
/// which starts its clock again; the evidence is kept until the response has ended. What it applies to and its
/// conditions for return are the committee's: the reporter's mail says neither.
/// </summary>
public sealed class ResponseTests(ResponseTests.Host host) : IClassFixture<ResponseTests.Host>
{
    static readonly TimeSpan Long = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_temporary_ban_reminds_before_it_ends_is_told_when_it_ends_and_a_member_extends_it()
    {
        var reporter = Submissions.NewReporter();
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(reporter)));
        await host.Inbox.WaitForAsync(m => m.IsTo("alex@committee.test") && m.Subject.Contains($"New Code of Conduct report {receipt.Reference}", StringComparison.Ordinal), 1, Long);
        var scope = "The project chat " + Guid.NewGuid().ToString("N");

        await ActAsync(receipt.Reference, CaseAction.Resolve, new()
        {
            ["violation"] = "yes",
            ["incidentType"] = "Other",
            ["actions"] = "A temporary ban.",
            ["publicSummary"] = "A participant was banned for a while.",
            ["response"] = "Temporary ban",
            ["responseEnds"] = Soon(TimeSpan.FromSeconds(25)),
            ["scope"] = scope,
            ["conditions"] = "An apology to the people affected.",
        });

        await host.Inbox.WaitForAsync(m => m.IsTo("sam@committee.test") && m.Subject.StartsWith($"The response on report {receipt.Reference} ends in 10 seconds", StringComparison.Ordinal), 1, Long);
        var ended = (await host.Inbox.WaitForAsync(m => m.IsTo("kim@committee.test") && m.Subject.StartsWith($"The response on report {receipt.Reference} has ended", StringComparison.Ordinal), 1, Long)).Single();
        Assert.Contains("extend-response", await host.Inbox.TextAsync(ended), StringComparison.Ordinal);
        var steps = await host.Services.GetRequiredService<ITimeline>().ReadAsync(receipt.Reference, CancellationToken.None);
        Assert.Contains(steps, s => s.Step == CaseStep.Resolved && s.Note?.StartsWith("Temporary ban, until ", StringComparison.Ordinal) == true);
        Assert.Contains(steps, s => s.Step == CaseStep.ResponseEnded);

        // Extended, its clock starts again: a second end comes, told anew, and the evidence waits for it.
        await ActAsync(receipt.Reference, CaseAction.ExtendResponse, new() { ["until"] = Soon(TimeSpan.FromSeconds(15)) });
        await host.Inbox.WaitForAsync(m => m.IsTo("kim@committee.test") && m.Subject.StartsWith($"The response on report {receipt.Reference} has ended", StringComparison.Ordinal), 2, Long);
        steps = await host.Services.GetRequiredService<ITimeline>().ReadAsync(receipt.Reference, CancellationToken.None);
        Assert.Equal(2, steps.Count(s => s.Step == CaseStep.ResponseEnded));
        Assert.Contains(steps, s => s.Step == CaseStep.ResponseExtended && s.MemberId == "alex");
        var secondEnd = steps.Where(s => s.Step == CaseStep.ResponseEnded).Max(s => s.At);
        Assert.DoesNotContain(steps, s => s.Step == CaseStep.EvidencePurged && s.At < secondEnd);

        // The reporter is told the outcome, never where the response applies.
        foreach (var mail in await host.Inbox.AboutAsync(receipt.Reference))
        {
            if (mail.IsTo(reporter))
            {
                Assert.DoesNotContain(scope, await host.Inbox.TextAsync(mail), StringComparison.Ordinal);
            }
        }
    }

    static string Soon(TimeSpan after) => DateTimeOffset.UtcNow.Add(after).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    Task ActAsync(string reference, CaseAction action, Dictionary<string, string> fields) => MemberActions.ActAsync(host, reference, "alex", action, fields);

    /// <summary>Reminded 10 seconds before a response ends; the report's own promises too far off to remind during the test.</summary>
    public sealed class Host : LocalHostFixture
    {
        protected override void Configure(IDictionary<string, string?> settings)
        {
            base.Configure(settings);
            settings["Workflow:ResponseRemindBefore"] = "00:00:10";
            settings["Workflow:AcknowledgeWithin"] = "01:00:00";
            settings["Workflow:AcknowledgeRemindAfter:0"] = "00:30:00";
            settings["Workflow:FollowUpWithin"] = "02:00:00";
            settings["Workflow:FollowUpRemindAfter:0"] = "01:00:00";
        }
    }
}
