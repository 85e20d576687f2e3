using CocReports.Procedure.Links;
using CocReports.Procedure.Timeline;
using CocReports.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CocReports.IntegrationTests;

/// <summary>
/// The quorum guard on the real durable engine: a committee of five that hands a report over once fewer than three
/// members may handle it (CNCF's threshold), while the reporter's promises keep running.
/// </summary>
public sealed class QuorumTests(QuorumTests.Host host) : IClassFixture<QuorumTests.Host>
{
    static readonly TimeSpan Long = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_case_falls_below_quorum_on_the_third_recusal_and_reaches_the_escalation_contacts_while_its_promises_are_kept()
    {
        var reporter = Submissions.NewReporter();
        var secret = "Quorum secret " + Guid.NewGuid().ToString("N");
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(reporter, secret)));
        await host.Inbox.WaitForAsync(m => m.IsTo("mo@committee.test") && m.Subject.StartsWith("New Code of Conduct report " + receipt.Reference, StringComparison.Ordinal), 1, Long);

        foreach (var member in new[] { "alex", "sam", "kim" })
        {
            await ActAsync(receipt.Reference, member, CaseAction.Recuse);
        }

        // The contacts receive the report itself; the two members left are told it was handed over, and not why.
        var handover = (await host.Inbox.WaitForAsync(
            m => m.IsTo(LocalHostFixture.EscalationAddress) && m.Subject.StartsWith($"Code of Conduct report {receipt.Reference} for the escalation contacts", StringComparison.Ordinal),
            1,
            Long)).First();
        Assert.Contains(secret, await host.Inbox.TextAsync(handover), StringComparison.Ordinal);
        foreach (var member in new[] { "lin", "mo" })
        {
            var told = (await host.Inbox.WaitForAsync(
                m => m.IsTo($"{member}@committee.test") && m.Subject.StartsWith($"Report {receipt.Reference} was handed to the escalation contacts", StringComparison.Ordinal),
                1,
                Long)).Single();
            var text = await host.Inbox.TextAsync(told);
            foreach (var (_, name, _) in LocalHostFixture.Members)
            {
                Assert.DoesNotContain(name, text, StringComparison.Ordinal);
            }
        }

        // Handed over on the third recusal, not before: the timeline shows it once, after the third.
        var steps = await host.Services.GetRequiredService<ITimeline>().ReadAsync(receipt.Reference, CancellationToken.None);
        var handedOver = Assert.Single(steps, s => s.Step == CaseStep.HandedToEscalation);
        Assert.Equal(3, steps.Count(s => s.Step == CaseStep.Recused && s.At <= handedOver.At));

        // The reporter's next promise is still kept: a member left acknowledges, and the reporter hears of it.
        await ActAsync(receipt.Reference, "lin", CaseAction.Acknowledge);
        await host.Inbox.WaitForAsync(m => m.IsTo(reporter) && m.Subject.Contains("acknowledged", StringComparison.OrdinalIgnoreCase), 1, Long);

        // The members who recused heard nothing of the handover.
        Assert.DoesNotContain(
            await host.Inbox.AboutAsync(receipt.Reference),
            m => m.Subject.Contains("was handed to the escalation contacts", StringComparison.Ordinal)
                && (m.IsTo("alex@committee.test") || m.IsTo("sam@committee.test") || m.IsTo("kim@committee.test")));
    }

    Task ActAsync(string reference, string memberId, CaseAction action) => MemberActions.ActAsync(host, reference, memberId, action);

    /// <summary>Five members, a quorum of three, and promises far enough off that no reminder comes during the test.</summary>
    public sealed class Host : LocalHostFixture
    {
        protected override void Configure(IDictionary<string, string?> settings)
        {
            base.Configure(settings);
            var others = new[] { ("lin", "Lin Park"), ("mo", "Mo Haddad") };
            for (var i = 0; i < others.Length; i++)
            {
                settings[$"Committee:Members:{Members.Length + i}:Id"] = others[i].Item1;
                settings[$"Committee:Members:{Members.Length + i}:Name"] = others[i].Item2;
                settings[$"Committee:Members:{Members.Length + i}:Email"] = $"{others[i].Item1}@committee.test";
            }

            settings["Committee:Quorum"] = "3";
            settings["Workflow:AcknowledgeWithin"] = "01:00:00";
            settings["Workflow:AcknowledgeRemindAfter:0"] = "00:30:00";
        }
    }
}
