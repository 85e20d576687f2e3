using Azure.Data.Tables;
using CocReports.Adapters.Tables;
using CocReports.Procedure.Intake.Mail;
using CocReports.Procedure.Limits;
using CocReports.Procedure.Links;
using CocReports.Procedure.Mail;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CocReports.Adapters.Tests.Tables;

/// <summary>The email door's budgets, counted in the rate-limit table on the Azurite that test.sh starts, on a fake clock.</summary>
public sealed class MailBudgetTests : IAsyncLifetime
{
    readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero));
    readonly TableClient table = new TableServiceClient(Environment.GetEnvironmentVariable("COC_TEST_STORAGE")
        ?? throw new InvalidOperationException("COC_TEST_STORAGE is not set: run the tests with ./test.sh, which starts Azurite."))
        .GetTableClient("mailbudget" + Guid.NewGuid().ToString("N")[..12]);

    readonly RateLimitOptions limits = new()
    {
        MailReports = new() { PermitLimit = 4, Window = TimeSpan.FromHours(1) },
        MailReportsPerSenderDomain = new() { PermitLimit = 2, Window = TimeSpan.FromHours(1) },
        MailAnswers = new() { PermitLimit = 1, Window = TimeSpan.FromHours(1) },
    };

    public Task InitializeAsync() => table.CreateIfNotExistsAsync();

    public Task DisposeAsync() => table.DeleteAsync();

    MailDoorBudget Door() => new(
        new TableRateLimitStore(table, clock),
        Options.Create(limits),
        new ActionLinks(new LinkOptions { SigningKey = Convert.ToBase64String(new byte[32]), PublicBaseUrl = new Uri("https://coc.example.org/") }, clock),
        clock);

    [Fact]
    public async Task A_domain_over_its_budget_is_deferred_without_spending_the_doors_total_and_admitted_again_once_the_window_has_passed()
    {
        var door = Door();
        Assert.Null(await door.AdmitAsync("victim+1@flood.test", default));
        Assert.Null(await door.AdmitAsync("VICTIM+2@Flood.Test", default));
        var deferred = await door.AdmitAsync("victim+3@flood.test", default);
        Assert.Equal(MailTaken.Deferred, deferred?.Taken);
        Assert.Equal(TimeSpan.FromHours(1), deferred?.Wait);
        Assert.Equal(MailTaken.Deferred, (await door.AdmitAsync("other@flood.test", default))?.Taken);

        // The flood's deferrals spent none of the total: two other domains still get in.
        Assert.Null(await door.AdmitAsync("someone@example.org", default));
        Assert.Null(await door.AdmitAsync("someone@example.net", default));
        Assert.Equal(MailTaken.DoorFull, (await door.AdmitAsync("third@example.com", default))?.Taken);

        clock.Advance(TimeSpan.FromHours(1));
        Assert.Null(await door.AdmitAsync("victim+3@flood.test", default));
    }

    [Fact]
    public async Task Answers_over_their_budget_are_refused_as_a_throttled_mail_service_refuses_until_the_window_has_passed()
    {
        var answers = new MailAnswerBudget(new TableRateLimitStore(table, clock), Options.Create(limits), clock);
        await answers.SpendAsync(default);
        clock.Advance(TimeSpan.FromMinutes(15));
        var refused = await Assert.ThrowsAsync<MailThrottledException>(() => answers.SpendAsync(default));
        Assert.Equal(TimeSpan.FromMinutes(45), refused.RetryAfter);

        clock.Advance(TimeSpan.FromMinutes(45));
        await answers.SpendAsync(default);
    }
}
