using System.Net.Http.Json;
using CocReports.Adapters.Mail;
using CocReports.Adapters.Mail.Smtp;
using CocReports.Procedure.Mail;
using Microsoft.Extensions.Time.Testing;

namespace CocReports.Adapters.Tests.Mail.Smtp;

/// <summary>
/// Against the smtp4dev that test.sh starts, counted in its session list: the mails of one announcement share a
/// session, and a session left idle is not reused. In the collection of every test here that sends over SMTP, so no
/// other test's session is counted.
/// </summary>
[Collection(Smtp4devSessions.Name)]
public sealed class SmtpSessionTests
{
    readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task Mails_sent_one_after_another_share_one_session_until_it_was_idle_too_long()
    {
        using var sender = new SmtpMailSender(
            new SmtpOptions { Port = int.Parse(Env("COC_TEST_SMTP_PORT"), System.Globalization.CultureInfo.InvariantCulture), Security = "None" },
            new MailOptions(),
            clock);
        var before = await SessionsAsync();

        for (var i = 0; i < 3; i++)
        {
            await sender.SendAsync(Mail(i), CancellationToken.None);
        }

        Assert.Single(await NewSessionsAsync(before));

        clock.Advance(SmtpConnections.MaxIdle);
        await sender.SendAsync(Mail(3), CancellationToken.None);

        Assert.Equal(2, (await NewSessionsAsync(before)).Count);
    }

    static OutgoingMail Mail(int i) =>
        new($"{Guid.NewGuid():N}@coc-reports", new Recipient("Grace", "grace@example.org"), $"Session test {i}", "text", "<p>text</p>");

    static async Task<HashSet<string>> SessionsAsync()
    {
        using var smtp4dev = new HttpClient { BaseAddress = new Uri(Env("COC_TEST_SMTP4DEV_URL")) };
        var page = await smtp4dev.GetFromJsonAsync<SessionPage>("api/sessions?pageSize=100000");
        return [.. page!.Results.Select(s => s.Id)];
    }

    static async Task<List<string>> NewSessionsAsync(HashSet<string> before) =>
        [.. (await SessionsAsync()).Where(id => !before.Contains(id))];

    static string Env(string name) =>
        Environment.GetEnvironmentVariable(name) ?? throw new InvalidOperationException($"{name} is not set: run the tests with ./test.sh, which starts smtp4dev.");

    sealed record SessionPage(List<Session> Results);

    sealed record Session(string Id);
}

/// <summary>The adapter tests that open SMTP sessions with smtp4dev, run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class Smtp4devSessions
{
    public const string Name = "smtp4dev sessions";
}
