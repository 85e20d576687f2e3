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
        var since = DateTimeOffset.UtcNow;

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

        // The receipt is still being retried, not given up: the server refused it more than once, and nothing failed yet.
        await WaitForRefusalsAsync(reporter, since, 2);
        Assert.DoesNotContain(CaseStep.MailFailed.Name, await StepsAsync(receipt.Reference));
    }

    async Task WaitForRefusalsAsync(string address, DateTimeOffset since, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        int refusals;
        while ((refusals = await host.Inbox.RefusalsAsync(address, since)) < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The server refused the receipt {refusals} times, not {count}.");
            await Task.Delay(500);
        }
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
