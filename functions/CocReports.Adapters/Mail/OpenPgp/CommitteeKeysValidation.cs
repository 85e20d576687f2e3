using CocReports.Procedure.Committee;
using Microsoft.Extensions.Options;

namespace CocReports.Adapters.Mail.OpenPgp;

/// <summary>
/// Reads every configured OpenPGP key at start-up: a key the sender could not encrypt to would otherwise hold back that
/// recipient's mail at every retry, and the deployer would learn of it only from a missing report.
/// </summary>
public sealed class CommitteeKeysValidation(TimeProvider clock) : IValidateOptions<CommitteeOptions>
{
    public ValidateOptionsResult Validate(string? name, CommitteeOptions options)
    {
        var keys = options.Members.Select((m, i) => ($"Committee:Members:{i}:OpenPgpPublicKey", m.OpenPgpPublicKey))
            .Concat(options.EscalationContacts.Select((c, i) => ($"Committee:EscalationContacts:{i}:OpenPgpPublicKey", c.OpenPgpPublicKey)));
        var failures = new List<string>();
        foreach (var (setting, key) in keys.Where(k => !string.IsNullOrWhiteSpace(k.Item2)))
        {
            try
            {
                RecipientKey.Parse(key!, clock.GetUtcNow());
            }
            catch (FormatException e)
            {
                failures.Add($"{setting}: {e.Message}");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
