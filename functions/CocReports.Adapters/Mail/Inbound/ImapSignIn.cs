using Azure;
using Azure.Core;
using Azure.Identity;
using CocReports.Procedure.Intake.Mail;
using MailKit;
using MailKit.Security;

namespace CocReports.Adapters.Mail.Inbound;

/// <summary>
/// How a poll signs in to the conduct mailbox (MailIntake:SignIn): a password, a static OAuth2 token, or Microsoft 365's
/// client credentials flow, which Microsoft documents for an app reading a mailbox with nobody present
/// (https://learn.microsoft.com/exchange/client-developer/legacy-protocols/how-to-authenticate-an-imap-pop-smtp-application-by-using-oauth,
/// "Use client credentials grant flow to authenticate SMTP, IMAP, and POP connections"). That page names an app
/// registration's own credential, not a managed identity, so the app signs in with its client secret.
/// </summary>
public sealed class ImapSignIn(MailIntakeOptions options, TokenCredential? microsoft365 = null)
{
    public const string Password = "Password";

    public const string AccessToken = "AccessToken";

    public const string Microsoft365 = "Microsoft365";

    /// <summary>"You must use https://outlook.office365.com/.default in the scope property" (the page above).</summary>
    public const string ExchangeOnlineScope = "https://outlook.office365.com/.default";

    /// <summary>
    /// The sign-in the settings choose. One credential for the app's lifetime: its in-memory cache serves a token until
    /// it is about to expire and then asks Entra ID for a new one (Azure.Identity keeps that cache per credential
    /// instance: https://github.com/Azure/azure-sdk-for-net/blob/main/sdk/identity/Azure.Identity/samples/TokenCache.md).
    /// </summary>
    public static ImapSignIn For(MailIntakeOptions options) =>
        Chosen(options) is Microsoft365
            ? new(options, new ClientSecretCredential(options.TenantId, options.ClientId, options.ClientSecret))
            : new(options);

    /// <summary>
    /// MailIntake:SignIn in its own spelling (an unknown value as written), or what the settings meant before it existed:
    /// a token when one is set, else the password.
    /// </summary>
    public static string Chosen(MailIntakeOptions options) =>
        options.SignIn is { Length: > 0 } chosen
            ? Array.Find([Password, AccessToken, Microsoft365], known => known.Equals(chosen, StringComparison.OrdinalIgnoreCase)) ?? chosen
            : options.AccessToken is { Length: > 0 } ? AccessToken : Password;

    public async Task SignInAsync(IMailService client, CancellationToken cancellationToken)
    {
        switch (Chosen(options))
        {
            case Microsoft365:
                var mechanism = await Microsoft365Async(cancellationToken);
                try
                {
                    await client.AuthenticateAsync(mechanism, cancellationToken);
                }
                catch (AuthenticationException e)
                {
                    throw new MailboxSignInException(
                        "Exchange Online refused the Microsoft 365 sign-in (MailIntake:SignIn) of the mailbox MailIntake:UserName by the app "
                        + "MailIntake:ClientId: register the app's service principal in Exchange (New-ServicePrincipal) and give it the mailbox "
                        + "(Add-MailboxPermission -AccessRights FullAccess); IMAP must be on for the mailbox.",
                        e);
                }

                break;
            case AccessToken:
                await client.AuthenticateAsync(new SaslMechanismOAuth2(options.UserName, options.AccessToken ?? ""), cancellationToken);
                break;
            default:
                await client.AuthenticateAsync(options.UserName, options.Password ?? "", cancellationToken);
                break;
        }
    }

    /// <summary>
    /// XOAUTH2 with a token asked for now: never kept here, so each poll's connection carries one the credential still
    /// holds valid, or a new one.
    /// </summary>
    internal async Task<SaslMechanismOAuth2> Microsoft365Async(CancellationToken cancellationToken)
    {
        var credential = microsoft365 ?? throw new InvalidOperationException("MailIntake:SignIn is Microsoft365 but no credential was made for it.");
        try
        {
            var token = await credential.GetTokenAsync(new TokenRequestContext([ExchangeOnlineScope]), cancellationToken);
            return new SaslMechanismOAuth2(options.UserName, token.Token);
        }
        catch (Exception e) when (e is AuthenticationFailedException or CredentialUnavailableException or RequestFailedException)
        {
            throw new MailboxSignInException(
                "The Microsoft 365 sign-in (MailIntake:SignIn) got no token from Entra ID for the app MailIntake:ClientId in tenant "
                + "MailIntake:TenantId: check both and the client secret (MailIntake:ClientSecret, which expires), and that the app holds "
                + "IMAP.AccessAsApp with admin consent.",
                e);
        }
    }
}
