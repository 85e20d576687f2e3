using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using CocReports.Adapters.Mail.Inbound;
using CocReports.Adapters.Tables;
using CocReports.Procedure.Intake.Mail;
using CocReports.Procedure.Links;
using CocReports.Procedure.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CocReports.Adapters.Tests.Mail.Inbound;

/// <summary>
/// The Microsoft 365 sign-in of the conduct mailbox. No Entra ID tenant answers here, so a small credential stands in
/// for it; Exchange Online's side is the format Microsoft documents for XOAUTH2
/// (https://learn.microsoft.com/exchange/client-developer/legacy-protocols/how-to-authenticate-an-imap-pop-smtp-application-by-using-oauth).
/// smtp4dev 3.15's IMAP server advertises no AUTH= mechanism and answers AUTHENTICATE XOAUTH2 with "NO Not supported
/// authentication mechanism.", so the poll tests below see a refusal, never a successful XOAUTH2 sign-in.
/// </summary>
public sealed class ImapSignInTests
{
    const string Mailbox = "conduct@example.org";

    readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 7, 3, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Microsoft365_asks_Entra_ID_for_the_Exchange_Online_scope_and_signs_in_as_the_mailbox()
    {
        var entra = new EntraId(clock);

        var response = await InitialResponseAsync(new ImapSignIn(Options(), entra));

        // "You must use https://outlook.office365.com/.default in the scope property" (the page above, client credentials).
        Assert.Equal(["https://outlook.office365.com/.default"], Assert.Single(entra.Requests));
        Assert.Equal($"user={Mailbox}\u0001auth=Bearer token-1\u0001\u0001", response);
    }

    [Fact]
    public async Task A_token_that_expired_between_polls_is_renewed_for_the_next_connection()
    {
        var entra = new EntraId(clock);
        var signIn = new ImapSignIn(Options(), entra);
        Assert.Contains("Bearer token-1", await InitialResponseAsync(signIn), StringComparison.Ordinal);

        clock.Advance(EntraId.Lifetime + TimeSpan.FromMinutes(1));

        Assert.Contains("Bearer token-2", await InitialResponseAsync(signIn), StringComparison.Ordinal);
        Assert.Equal(2, entra.Requests.Count);
    }

    [Fact]
    public async Task A_failing_token_request_fails_the_poll_naming_the_settings_and_imports_nothing()
    {
        const string secret = "the-client-secret";
        var entra = new EntraId(clock) { Failure = new AuthenticationFailedException("AADSTS7000215: Invalid client secret provided.") };
        var imported = 0;

        var failure = await Assert.ThrowsAsync<MailboxSignInException>(() =>
            Poll(Options(secret), entra).PollAsync((_, _) => { imported++; return Task.FromResult(MailTaken.Imported); }, CancellationToken.None));

        Assert.Contains("MailIntake:ClientId", failure.Message, StringComparison.Ordinal);
        Assert.Contains("MailIntake:TenantId", failure.Message, StringComparison.Ordinal);
        Assert.Contains("MailIntake:ClientSecret", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, failure.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, imported);
    }

    [Fact]
    public async Task A_server_refusing_the_token_fails_the_poll_with_the_exchange_steps_and_without_the_token()
    {
        var entra = new EntraId(clock);
        var imported = 0;

        var failure = await Assert.ThrowsAsync<MailboxSignInException>(() =>
            Poll(Options(), entra).PollAsync((_, _) => { imported++; return Task.FromResult(MailTaken.Imported); }, CancellationToken.None));

        Assert.Single(entra.Requests);
        Assert.Contains("Add-MailboxPermission", failure.Message, StringComparison.Ordinal);
        Assert.Contains("MailIntake:UserName", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("token-1", failure.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, imported);
    }

    [Fact]
    public void Microsoft365_without_its_app_settings_is_refused_at_start_naming_each()
    {
        var options = Options();
        options.TenantId = "";
        options.ClientId = "";
        options.ClientSecret = null;

        var result = new ImapSignInValidation().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("MailIntake:TenantId", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("MailIntake:ClientId", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("MailIntake:ClientSecret", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_sign_in_is_refused_at_start()
    {
        var options = Options();
        options.SignIn = "OAuth";

        var result = new ImapSignInValidation().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("MailIntake:SignIn", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "password", null)]
    [InlineData("", null, "a-token")]
    [InlineData("Password", "password", null)]
    [InlineData("AccessToken", null, "a-token")]
    public void A_password_or_a_static_token_starts_as_before(string signIn, string? password, string? accessToken)
    {
        var options = new MailIntakeOptions { ImapHost = "imap.example.org", UserName = Mailbox, SignIn = signIn, Password = password, AccessToken = accessToken };

        Assert.True(new ImapSignInValidation().Validate(null, options).Succeeded);
    }

    static async Task<string> InitialResponseAsync(ImapSignIn signIn)
    {
        var mechanism = await signIn.Microsoft365Async(CancellationToken.None);
        return Encoding.UTF8.GetString(Convert.FromBase64String(await mechanism.ChallengeAsync(null, CancellationToken.None)));
    }

    static MailIntakeOptions Options(string secret = "a-secret") => new()
    {
        Address = Mailbox,
        ImapHost = "127.0.0.1",
        ImapPort = int.Parse(Env("COC_TEST_IMAP_PORT"), CultureInfo.InvariantCulture),
        ImapSecurity = "None",
        UserName = Mailbox,
        SignIn = "Microsoft365",
        TenantId = "contoso.onmicrosoft.com",
        ClientId = "conduct-mailbox-reader",
        ClientSecret = secret,
    };

    static ImapConductMailbox Poll(MailIntakeOptions options, TokenCredential entra)
    {
        // The sign-in fails before the quarantine or the imports are read, so their tables need not exist.
        var tables = new TableServiceClient(Env("COC_TEST_STORAGE"));
        var failures = tables.GetTableClient("signin" + Guid.NewGuid().ToString("N")[..12]);
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
        var quarantine = new MailQuarantine(new TableImportFailures(failures), new ProcedureMetrics(meters), NullLogger<MailQuarantine>.Instance);
        var keys = new ActionLinks(new LinkOptions { SigningKey = Convert.ToBase64String(new byte[32]), PublicBaseUrl = new Uri("https://coc.example.org/") }, TimeProvider.System).Keys;
        return new ImapConductMailbox(Microsoft.Extensions.Options.Options.Create(options), new ImapSignIn(options, entra), new MimeMailParser(), quarantine, new TableImportedMessages(tables.GetTableClient("imported" + Guid.NewGuid().ToString("N")[..12])), new ReplyAddress(options, keys));
    }

    static string Env(string name) =>
        Environment.GetEnvironmentVariable(name) ?? throw new InvalidOperationException($"{name} is not set: run the tests with ./test.sh, which starts smtp4dev and Azurite.");

    /// <summary>
    /// Entra ID as a caching credential answers: the same token until it expires, then a new one; or the failure set.
    /// </summary>
    sealed class EntraId(TimeProvider clock) : TokenCredential
    {
        public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

        AccessToken? current;

        public List<string[]> Requests { get; } = [];

        public Exception? Failure { get; init; }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Requests.Add(requestContext.Scopes);
            if (Failure is not null)
            {
                throw Failure;
            }

            if (current is not { } token || token.ExpiresOn <= clock.GetUtcNow())
            {
                token = new AccessToken($"token-{Requests.Count}", clock.GetUtcNow() + Lifetime);
                current = token;
            }

            return token;
        }
    }
}
