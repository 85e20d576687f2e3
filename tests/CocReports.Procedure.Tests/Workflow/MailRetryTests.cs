using CocReports.Procedure.Workflow;

namespace CocReports.Procedure.Tests.Workflow;

public sealed class MailRetryTests
{
    static readonly WorkflowOptions Defaults = new();

    [Fact]
    public void A_failed_mail_is_tried_again_after_a_doubling_wait_capped_at_an_hour_for_about_half_a_day()
    {
        var waits = Enumerable.Range(1, Defaults.MailAttempts - 1).Select(n => MailRetry.Next(Defaults, n, null)!.Value).ToList();

        Assert.Equal([TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20)], waits.Take(3));
        Assert.Equal(TimeSpan.FromHours(1), waits[^1]);
        var total = waits.Aggregate(TimeSpan.Zero, (a, b) => a + b);
        Assert.InRange(total, TimeSpan.FromHours(8), TimeSpan.FromHours(14));
    }

    [Fact]
    public void After_the_last_attempt_the_mail_is_given_up()
    {
        Assert.Null(MailRetry.Next(Defaults, Defaults.MailAttempts, null));
        Assert.Null(MailRetry.Next(Defaults, Defaults.MailAttempts, TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void A_mail_service_that_asked_to_wait_is_not_asked_again_sooner()
    {
        // A second more than asked: a durable timer may fire that much early.
        Assert.Equal(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1), MailRetry.Next(Defaults, 1, TimeSpan.FromMinutes(10)));

        // A shorter ask than the backoff does not hurry the retry.
        Assert.Equal(TimeSpan.FromSeconds(40), MailRetry.Next(Defaults, 4, TimeSpan.FromSeconds(1)));
    }
}
