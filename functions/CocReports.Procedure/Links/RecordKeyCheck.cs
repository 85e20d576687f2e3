namespace CocReports.Procedure.Links;

/// <summary>
/// Whether the app may start with the record key it has. The records (pattern hashes, references from idempotency
/// keys) are only worth anything under the key that made them, so a record key that is not that key must stop the app
/// loudly instead of silently matching nothing: a generated key where the deployer was to keep the old one, a key
/// pasted wrong. Storage keeps the key's <see cref="ServerKey.Id"/>, which names it without revealing it.
/// </summary>
public static class RecordKeyCheck
{
    /// <param name="storedId">The id storage names as the record key, or null when it names none yet.</param>
    /// <param name="recordsExist">Whether reports were recorded already (before the id was kept, by an older version).</param>
    /// <returns>Null when the app may start (keeping <paramref name="keys"/>' record key id if none was kept), else why not.</returns>
    public static string? Refusal(string? storedId, bool recordsExist, SigningKeys keys)
    {
        if (storedId is not null)
        {
            return storedId == keys.Record.Id
                ? null
                : $"Links:RecordKey is not the key this app's records were made with (key id {storedId}, this one {keys.Record.Id}). Set it back to that key: infra/README.md, \"The record key\".";
        }

        // An older version keyed its records with the signing key, which may since have become the previous one.
        var wasSigningKey = keys.Record.Id == keys.Current.Id || keys.Record.Id == keys.Previous?.Id;
        return !recordsExist || wasSigningKey
            ? null
            : "Records exist from before Links:RecordKey was set, made with the signing key, and Links:RecordKey is another key. Set it to the signing key's value: infra/README.md, \"The record key\".";
    }
}
