namespace CocReports.Procedure.Links;

/// <summary>
/// The app's secrets: the current key (Links:SigningKey) signs and seals everything new; the previous key
/// (Links:PreviousSigningKey), kept for a while after a rotation, still verifies links and opens receipts it made, so
/// a rotation strands nothing. Anything signed or sealed names its key by <see cref="ServerKey.Id"/>. What is recorded
/// is keyed by <see cref="Record"/> instead, which no rotation changes.
/// </summary>
public sealed class SigningKeys
{
    public SigningKeys(LinkOptions options)
    {
        Current = new ServerKey(Decode(options.SigningKey, nameof(LinkOptions.SigningKey)));
        Previous = string.IsNullOrEmpty(options.PreviousSigningKey)
            ? null
            : new ServerKey(Decode(options.PreviousSigningKey, nameof(LinkOptions.PreviousSigningKey)));
        Record = string.IsNullOrEmpty(options.RecordKey)
            ? Current
            : new ServerKey(Decode(options.RecordKey, nameof(LinkOptions.RecordKey)));
    }

    public ServerKey Current { get; }

    public ServerKey? Previous { get; }

    /// <summary>
    /// Links:RecordKey, or the current key where it is unset: a deployment from before the record key existed derives
    /// the sub-keys it always did, and keeps them through a rotation once it sets the record key to that key's value.
    /// </summary>
    public ServerKey Record { get; }

    /// <summary>The key a token names; null for an id neither key has (a retired or forged key).</summary>
    public ServerKey? Find(string keyId) =>
        keyId == Current.Id ? Current : Previous is { } previous && keyId == previous.Id ? previous : null;

    /// <summary>
    /// Why <paramref name="base64"/> cannot be the key <paramref name="setting"/> names, or null when it can. Names the
    /// setting and never the value: the message is logged and shown to whoever starts the app.
    /// </summary>
    public static string? Problem(string? base64, string setting)
    {
        const string Expected = "a base64 key of at least 32 bytes";
        if (string.IsNullOrWhiteSpace(base64))
        {
            return $"Links:{setting} is empty: it must be {Expected}.";
        }

        var bytes = new byte[base64.Length];
        return !Convert.TryFromBase64String(base64, bytes, out var length)
            ? $"Links:{setting} is not base64: it must be {Expected}."
            : length < 32
                ? $"Links:{setting} is {length} bytes: it must be {Expected}."
                : null;
    }

    static byte[] Decode(string base64, string setting) =>
        Problem(base64, setting) is { } problem
            ? throw new InvalidOperationException(problem)
            : Convert.FromBase64String(base64);
}
