using CocReports.Procedure.Intake.Mail;
using Microsoft.Extensions.Options;

namespace CocReports.Adapters.Mail.Inbound;

/// <summary>
/// Checks the mailbox sign-in at start-up: a sign-in the poll cannot make would otherwise fail every minute, and the
/// committee would learn of it only from reports that never arrive.
/// </summary>
public sealed class ImapSignInValidation : IValidateOptions<MailIntakeOptions>
{
    public ValidateOptionsResult Validate(string? name, MailIntakeOptions options)
    {
        if (string.IsNullOrEmpty(options.ImapHost))
        {
            return ValidateOptionsResult.Success;
        }

        var chosen = ImapSignIn.Chosen(options);
        string[] required = chosen switch
        {
            ImapSignIn.Password => [],
            ImapSignIn.AccessToken => Missing(("AccessToken", options.AccessToken)),
            ImapSignIn.Microsoft365 => Missing(
                ("UserName", options.UserName), ("TenantId", options.TenantId), ("ClientId", options.ClientId), ("ClientSecret", options.ClientSecret)),
            _ => [$"MailIntake:SignIn '{chosen}' is not known. Use {ImapSignIn.Password}, {ImapSignIn.AccessToken} or {ImapSignIn.Microsoft365}."],
        };
        return required.Length == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(required);

        string[] Missing(params (string Setting, string? Value)[] settings) =>
        [
            .. settings.Where(s => string.IsNullOrWhiteSpace(s.Value))
                .Select(s => $"MailIntake:{s.Setting} is required when MailIntake:SignIn is {chosen}."),
        ];
    }
}
