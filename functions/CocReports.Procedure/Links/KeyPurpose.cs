namespace CocReports.Procedure.Links;

/// <summary>
/// What a sub-key of a server key is for (<see cref="ServerKey.Derive"/>). Every purpose is named here and only here,
/// so two uses can't share a sub-key by accident and a new one is written beside the others. A name never changes: it
/// is the HKDF info of every value already made with its sub-key.
/// </summary>
public sealed class KeyPurpose
{
    KeyPurpose(string name) => Name = name;

    public string Name { get; }

    // Under Links:SigningKey, rotated: each token or sealed text names the key that made it.

    /// <summary>Committee members' and reporters' action links.</summary>
    public static readonly KeyPurpose Links = new("links");

    /// <summary>A member's case session cookie.</summary>
    public static readonly KeyPurpose CaseSession = new("case-session");

    /// <summary>The state a passkey ceremony carries between the page and its post.</summary>
    public static readonly KeyPurpose PasskeyCeremony = new("passkey-ceremony");

    /// <summary>An organizer's intake link.</summary>
    public static readonly KeyPurpose OrganizerIntake = new("organizer-intake");

    /// <summary>A receipt code sealed for the workflow's history.</summary>
    public static readonly KeyPurpose ReceiptSeal = new("receipt-seal");

    /// <summary>The token of a case's reply address (conduct+reference.token@).</summary>
    public static readonly KeyPurpose ReplyAddress = new("reply-address");

    // Under Links:RecordKey, never rotated: what was recorded under these must still match after a rotation.

    /// <summary>References derived from idempotency keys.</summary>
    public static readonly KeyPurpose Idempotency = new("idempotency");

    /// <summary>An emailed report's sender, for its budget and receipts.</summary>
    public static readonly KeyPurpose MailSender = new("mail-sender");

    /// <summary>An emailed report's sender domain, for its budget.</summary>
    public static readonly KeyPurpose MailSenderDomain = new("mail-sender-domain");

    /// <summary>The "did you send this report?" confirmation asked of an unverified sender.</summary>
    public static readonly KeyPurpose ConfirmSender = new("confirm-sender");

    /// <summary>The audit trail's hash chain.</summary>
    public static readonly KeyPurpose AuditChain = new("audit-chain");

    /// <summary>Client addresses in rate-limit counters.</summary>
    public static readonly KeyPurpose ClientAddress = new("client-address");

    /// <summary>The pattern index's identifier hashes.</summary>
    public static readonly KeyPurpose Patterns = new("patterns");

    // Of any server key.

    /// <summary>The id a key is named by, in tokens and sealed text.</summary>
    public static readonly KeyPurpose KeyId = new("key-id");

    public override string ToString() => Name;
}
