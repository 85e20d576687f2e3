using Azure.Data.Tables;
using CocReports.Testing;
using CocReports.Procedure.Timeline;

namespace CocReports.IntegrationTests;

/// <summary>
/// A reporter's address the mail server refuses (test.sh's smtp4dev answers 550 for it) is retried for hours; the
/// committee's notice and every timer of the procedure must not wait for it.
/// </summary>
[Collection(LocalHostCollection.Name)]
public sealed class RefusedAddressTests(LocalHostFixture host)
{
    [Fact]
    public async Task A_reporter_address_the_server_refuses_holds_back_neither_the_committee_nor_the_reminders()
    {
        var reporter = $"mistyped-{Guid.NewGuid():N}@{TestEnvironment.RefusedDomain}";

        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(reporter)));

        // Each member hears of the report in seconds, while the receipt is still being retried.
        var notices = await host.Inbox.WaitForAsync(
            m => m.Subject.StartsWith("New Code of Conduct report " + receipt.Reference, StringComparison.Ordinal),
            LocalHostFixture.Members.Length,
            TimeSpan.FromSeconds(20));
        Assert.All(LocalHostFixture.Members, member => Assert.Single(notices, m => m.IsTo(member.Email)));

        // The acknowledgment timer was set: the reminder (due 4 s after receipt) arrives and is on the timeline.
        await host.Inbox.WaitForAsync(
            m => m.Subject == "Reminder: acknowledge report " + receipt.Reference,
            LocalHostFixture.Members.Length,
            TimeSpan.FromSeconds(30));
        var steps = await StepsAsync(receipt.Reference);
        Assert.Contains(CaseStep.AcknowledgeReminder.Name, steps);

        // The receipt is still being retried, not given up: nothing reached the address, nothing failed yet.
        Assert.DoesNotContain(await host.Inbox.AllAsync(), m => m.IsTo(reporter));
        Assert.DoesNotContain(CaseStep.MailFailed.Name, steps);
    }

    async Task<List<string>> StepsAsync(string reference)
    {
        var steps = new List<string>();
        await foreach (var row in host.Timeline.QueryAsync<TableEntity>(e => e.PartitionKey == reference))
        {
            steps.Add(row.GetString("Step"));
        }

        return steps;
    }
}
