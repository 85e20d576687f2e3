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
    /// <summary>The key mail to this recipient is encrypted to: a valid, unrevoked encryption key, a subkey first.</summary>
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

        return bundle.GetKeyRings()
            .SelectMany(ring => ring.GetPublicKeys())
            .Where(k => MayEncrypt(k) && !k.HasRevocation() && (k.GetValidSeconds() == 0 || new DateTimeOffset(k.CreationTime).AddSeconds(k.GetValidSeconds()) > now))
            .OrderBy(k => k.IsMasterKey)
            .FirstOrDefault()
            ?? throw new FormatException("The OpenPGP public key has no unexpired, unrevoked key that may encrypt.");
    }

    /// <summary>
    /// An algorithm that can encrypt, and key flags that allow it when the key's signatures carry any (RFC 4880,
    /// section 5.2.3.21): a signing-only RSA subkey, common on smartcards, must not be chosen.
    /// </summary>
    static bool MayEncrypt(PgpPublicKey key)
    {
        if (!key.IsEncryptionKey)
        {
            return false;
        }

        var flags = key.GetSignatures()
            .Where(s => s.HasSubpackets && s.GetHashedSubPackets().HasSubpacket(SignatureSubpacketTag.KeyFlags))
            .Select(s => s.GetHashedSubPackets().GetKeyFlags())
            .ToList();
        return flags.Count == 0 || flags.Exists(f => (f & (KeyFlags.EncryptComms | KeyFlags.EncryptStorage)) != 0);
    }
}
