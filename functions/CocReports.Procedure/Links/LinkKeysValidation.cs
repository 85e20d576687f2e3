using Microsoft.Extensions.Options;

namespace CocReports.Procedure.Links;

/// <summary>
/// Stops the app at start when a key in the "Links" section cannot be used, naming the setting: a key pasted wrong
/// would otherwise surface only when the first link is made or checked, as a failed request or a failed activity.
/// </summary>
public sealed class LinkKeysValidation : IValidateOptions<LinkOptions>
{
    public ValidateOptionsResult Validate(string? name, LinkOptions options)
    {
        string?[] problems =
        [
            SigningKeys.Problem(options.SigningKey, nameof(LinkOptions.SigningKey)),
            string.IsNullOrEmpty(options.PreviousSigningKey)
                ? null
                : SigningKeys.Problem(options.PreviousSigningKey, nameof(LinkOptions.PreviousSigningKey)),
            string.IsNullOrEmpty(options.RecordKey) ? null : SigningKeys.Problem(options.RecordKey, nameof(LinkOptions.RecordKey)),
        ];
        var failures = problems.OfType<string>().ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
