using CocReports.Api.Transparency;

namespace CocReports.LocalHost;

/// <summary>The local host's January 1 timer for <see cref="TransparencyReview"/>, as the Functions app's timer trigger is in Azure.</summary>
sealed class TransparencyReviewService(TransparencyReview review, TimeProvider clock, ILogger<TransparencyReviewService> log) : BackgroundService
{
    // A timer can wait at most about 49 days, so the wait for January 1 is taken a day at a time.
    static readonly TimeSpan LongestWait = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var due = NextJanuaryFirst(clock.GetUtcNow());
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            if (now < due)
            {
                await Task.Delay(due - now < LongestWait ? due - now : LongestWait, clock, stoppingToken);
                continue;
            }

            due = NextJanuaryFirst(now);
            try
            {
                await review.RunAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Storage or mail is down: the draft can still be made from the member page.
                log.LogWarning("The transparency report draft could not be mailed: {Reason}", e.GetType().Name);
            }
        }
    }

    /// <summary>When the review runs next after <paramref name="now"/>: the Functions app's timer schedule says the same (BothHostsTests).</summary>
    internal static DateTimeOffset NextJanuaryFirst(DateTimeOffset now)
    {
        var thisYear = new DateTimeOffset(now.Year, 1, 1, 6, 0, 0, TimeSpan.Zero);
        return now < thisYear ? thisYear : thisYear.AddYears(1);
    }
}
