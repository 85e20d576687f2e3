using CocReports.Procedure.Limits;
using Microsoft.Extensions.Options;

namespace CocReports.Procedure.Mail;

/// <summary>
/// The share of the mail service's quota that answers to emailed reports may spend (<see cref="RateLimitOptions.MailAnswers"/>),
/// counted in the store every instance shares. Committee mail is never counted: whatever strangers write, the rest of
/// the quota is left for the notices the committee's promises depend on.
/// </summary>
public sealed class MailAnswerBudget(IRateLimitStore store, IOptions<RateLimitOptions> options, TimeProvider clock)
{
    /// <summary>Counts one answer; throws, as a throttled mail service does, when the budget is spent for now.</summary>
    /// <exception cref="MailThrottledException">Over the budget: send it no sooner than its RetryAfter.</exception>
    public async Task SpendAsync(CancellationToken cancellationToken)
    {
        var limit = options.Value.MailAnswers;
        var count = await store.HitAsync("mail-answers", "all", limit.Window, cancellationToken);
        if (count.Count > limit.PermitLimit)
        {
            throw new MailThrottledException(count.WindowEnds - clock.GetUtcNow());
        }
    }
}
