using System.Security.Cryptography;
using CocReports.Testing;

namespace CocReports.IntegrationTests;

/// <summary>
/// The community changes a promise and the host restarts with it: a report that arrived before keeps the promises it
/// was made. Its reminder comes when its own schedule says, and names that schedule's deadline, not the new one.
/// </summary>
public sealed class ScheduleChangeTests : IDisposable
{
    readonly string run = "s" + Guid.NewGuid().ToString("N")[..10];
    readonly LocalHostProcess before;
    readonly LocalHostProcess after;
    readonly Inbox inbox = new(TestEnvironment.Smtp4devUrl);

    public ScheduleChangeTests()
    {
        var settings = LocalHostFixture.SettingsFor(
            run, run, TestEnvironment.StorageConnectionString, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), new Uri("http://127.0.0.1"));

        // Acknowledged within a minute, reminded after half of it: time to restart the host in between.
        settings["Workflow:AcknowledgeWithin"] = "00:01:00";
        settings["Workflow:AcknowledgeRemindAfter:0"] = "00:00:30";
        before = new LocalHostProcess(settings);
        after = new LocalHostProcess(new Dictionary<string, string?>(settings)
        {
            ["Workflow:AcknowledgeWithin"] = "3.00:00:00",
            ["Workflow:AcknowledgeRemindAfter:0"] = "1.00:00:00",
        });
    }

    [Fact]
    public async Task A_report_from_before_a_promise_changed_is_reminded_on_its_own_schedule_and_the_reminder_names_its_own_deadline()
    {
        await before.StartAsync();
        using var client = new HttpClient { BaseAddress = before.BaseUrl };
        var reference = (await Submissions.SubmitAsync(client, Submissions.Multipart(Submissions.Fields(Submissions.NewReporter())))).Reference;
        await inbox.WaitForAsync(m => m.Subject.StartsWith("New Code of Conduct report " + reference, StringComparison.Ordinal), LocalHostFixture.Members.Length, TimeSpan.FromSeconds(60));
        before.Kill();

        // Restarted with 72 hours and a reminder after a day: the case's reminder still comes after 30 seconds.
        await after.StartAsync();
        var reminders = await inbox.WaitForAsync(m => m.Subject == "Reminder: acknowledge report " + reference, 1, TimeSpan.FromSeconds(60));
        var text = await inbox.TextAsync(reminders[0]);
        Assert.Contains("an acknowledgment within 60 seconds", text, StringComparison.Ordinal);
        Assert.DoesNotContain("72 hours", text, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        before.Dispose();
        after.Dispose();
        inbox.Dispose();
    }
}
