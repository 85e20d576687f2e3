using System.Text;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Org.BouncyCastle.Bcpg.Sig;

namespace CocReports.Adapters.Mail.OpenPgp;

/// <summary>
/// Reads a recipient's OpenPGP public key as a deployer configures it: ASCII-armored (<c>gpg --armor --export</c>), or
/// the binary key in base64 (<c>gpg --export | base64 -w0</c>), which fits on one line where a setting can't hold line breaks.
/// </summary>
public static class RecipientKey
{
    /// <summary>
    /// The key mail to this recipient is encrypted to: of a primary key neither revoked nor expired, with a user id it
    /// has not revoked, a subkey first that the primary key bound to it, unexpired and unrevoked, with flags that let it
    /// encrypt.
    /// </summary>
    /// <exception cref="FormatException">The text is no OpenPGP public key, or none of its keys may encrypt now.</exception>
    public static PgpPublicKey Parse(string key, DateTimeOffset now)
    {
        PgpPublicKeyRingBundle bundle;
        try
        {
            var text = key.Trim();
            var bytes = text.StartsWith("-----BEGIN PGP", StringComparison.Ordinal) ? Encoding.ASCII.GetBytes(text) : Convert.FromBase64String(text);
            using var decoded = PgpUtilities.GetDecoderStream(new MemoryStream(bytes));
            bundle = new PgpPublicKeyRingBundle(decoded);
        }
        catch (Exception e) when (e is IOException or PgpException or FormatException)
        {
            throw new FormatException("The OpenPGP public key can't be read: give the armored key (gpg --armor --export) or the binary key in base64.", e);
        }

        var refusal = "The OpenPGP public key holds no key.";
        foreach (var ring in bundle.GetKeyRings())
        {
            (var chosen, refusal) = EncryptionKey(ring, now);
            if (chosen is not null)
            {
                return chosen;
            }
        }

        throw new FormatException(refusal);
    }

    /// <summary>
    /// The key of <paramref name="ring"/> to encrypt to, a subkey first, or why there is none. Only signatures the primary
    /// key made count (RFC 4880, sections 5.2.1 and 11.1), revocations included: anyone can append a subkey, with any
    /// flags, or a revocation packet to a public key. An unverifiable revocation is ignored, as gpg ignores it, so that
    /// whoever can append one cannot silence a member's mail; one from a designated revoker can't be checked here either.
    /// </summary>
    static (PgpPublicKey? Key, string Refusal) EncryptionKey(PgpPublicKeyRing ring, DateTimeOffset now)
    {
        var primary = ring.GetPublicKey();
        if (primary.GetSignaturesOfType(PgpSignature.KeyRevocation).Any(s => Verifies(s, primary, c => c.VerifyCertification(primary))))
        {
            return (null, "The OpenPGP key is revoked.");
        }

        var userIds = primary.GetUserIds().Select(id => (Id: id, SelfSignature: Latest(SignaturesOn(primary, id).Where(s => s.IsCertification()), now)))
            .Where(u => u.SelfSignature is not null)
            .ToList();
        var valid = userIds.Where(u => !SignaturesOn(primary, u.Id).Any(s => s.SignatureType == PgpSignature.CertificationRevocation && s.CreationTime >= u.SelfSignature!.CreationTime)).ToList();
        if (userIds.Count > 0 && valid.Count == 0)
        {
            return (null, "Every user id of the OpenPGP key is revoked: its owner gave up each name it carried.");
        }

        var selfSignature = Latest(
            valid.Select(u => u.SelfSignature!).Concat(primary.GetSignaturesOfType(PgpSignature.DirectKey).Where(s => Verifies(s, primary, c => c.VerifyCertification(primary)))),
            now);
        if (selfSignature is null)
        {
            return (null, "The OpenPGP key has no user id or direct-key signature made by its primary key.");
        }

        if (Expired(primary, selfSignature, now))
        {
            return (null, "The OpenPGP key has expired.");
        }

        var subkey = ring.GetPublicKeys()
            .Where(k => !k.IsMasterKey && !k.GetSignaturesOfType(PgpSignature.SubkeyRevocation).Any(s => Verifies(s, primary, c => c.VerifyCertification(primary, k))))
            .FirstOrDefault(k => Latest(k.GetSignaturesOfType(PgpSignature.SubkeyBinding).Where(s => Verifies(s, primary, c => c.VerifyCertification(primary, k))), now)
                is { } binding && MayEncrypt(k, binding, now));
        return subkey is not null || MayEncrypt(primary, selfSignature, now)
            ? (subkey ?? primary, "")
            : (null, "The OpenPGP key has no unexpired, unrevoked key that may encrypt, bound to it by its primary key's signature.");
    }

    /// <summary>The signatures on a user id that its primary key made: its self-certifications and revocations.</summary>
    static IEnumerable<PgpSignature> SignaturesOn(PgpPublicKey primary, string id) =>
        primary.GetSignaturesForId(id).Where(s => Verifies(s, primary, c => c.VerifyCertification(id, primary)));

    static bool Verifies(PgpSignature signature, PgpPublicKey primary, Func<PgpSignature, bool> verify)
    {
        try
        {
            signature.InitVerify(primary);
            return verify(signature);
        }
        catch (PgpException)
        {
            return false;
        }
    }

    /// <summary>
    /// The newest unexpired signature: it alone states the key's flags and expiry. One made "in the future" still counts,
    /// so that a clock a little behind the key maker's does not refuse a key made minutes ago.
    /// </summary>
    static PgpSignature? Latest(IEnumerable<PgpSignature> signatures, DateTimeOffset now) =>
        signatures
            .Where(s => !(s.GetHashedSubPackets()?.GetSignatureExpirationTime() is > 0 and var seconds
                && new DateTimeOffset(s.CreationTime).AddSeconds(seconds) <= now))
            .MaxBy(s => s.CreationTime);

    static bool Expired(PgpPublicKey key, PgpSignature signature, DateTimeOffset now) =>
        signature.GetHashedSubPackets()?.GetKeyExpirationTime() is > 0 and var seconds
        && new DateTimeOffset(key.CreationTime).AddSeconds(seconds) <= now;

    /// <summary>
    /// An algorithm that can encrypt, a key that has not expired, and key flags that allow encryption (RFC 4880,
    /// section 5.2.3.21): a signing-only RSA subkey, common on smartcards, must not be chosen.
    /// </summary>
    static bool MayEncrypt(PgpPublicKey key, PgpSignature signature, DateTimeOffset now) =>
        key.IsEncryptionKey
        && !Expired(key, signature, now)
        && signature.GetHashedSubPackets() is { } hashed
        && hashed.HasSubpacket(SignatureSubpacketTag.KeyFlags)
        && (hashed.GetKeyFlags() & (KeyFlags.EncryptComms | KeyFlags.EncryptStorage)) != 0;
}
