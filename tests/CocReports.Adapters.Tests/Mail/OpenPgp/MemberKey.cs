using System.Text;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Org.BouncyCastle.Bcpg.Sig;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace CocReports.Adapters.Tests.Mail.OpenPgp;

/// <summary>
/// A committee member's OpenPGP key, made for the test as gpg makes one: an RSA primary key that signs and certifies
/// and an RSA subkey that encrypts. The public ring is configured; the secret ring stays the member's.
/// </summary>
public sealed class MemberKey
{
    readonly PgpPublicKeyRing publicRing;
    readonly PgpSecretKeyRing secretRing;

    MemberKey(PgpPublicKeyRing publicRing, PgpSecretKeyRing secretRing)
    {
        this.publicRing = publicRing;
        this.secretRing = secretRing;
    }

    /// <param name="subkeyFlags">What the subkey may do: encrypt, unless a test makes a key that may only sign.</param>
    /// <param name="primaryExpiresAfter">How long after its creation the primary key expires; never when null.</param>
    /// <param name="subkeyExpiresAfter">How long after its creation the subkey expires; never when null.</param>
    public static MemberKey Generate(
        string userId,
        int subkeyFlags = KeyFlags.EncryptComms | KeyFlags.EncryptStorage,
        TimeSpan? primaryExpiresAfter = null,
        TimeSpan? subkeyExpiresAfter = null)
    {
        var rsa = new RsaKeyPairGenerator();
        rsa.Init(new RsaKeyGenerationParameters(BigInteger.ValueOf(0x10001), new SecureRandom(), 2048, 12));
        var created = DateTime.UtcNow.AddMinutes(-1);
        var primary = new PgpKeyPair(PublicKeyAlgorithmTag.RsaGeneral, rsa.GenerateKeyPair(), created);
        var subkey = new PgpKeyPair(PublicKeyAlgorithmTag.RsaGeneral, rsa.GenerateKeyPair(), created);
        var generator = new PgpKeyRingGenerator(
            PgpSignature.PositiveCertification, primary, userId, SymmetricKeyAlgorithmTag.Aes256, Array.Empty<char>(), true,
            Flags(KeyFlags.SignData | KeyFlags.CertifyOther, primaryExpiresAfter), null, new SecureRandom());
        generator.AddSubKey(subkey, Flags(subkeyFlags, subkeyExpiresAfter), null);
        return new(generator.GeneratePublicKeyRing(), generator.GenerateSecretKeyRing());
    }

    /// <summary>This key after its owner revoked the whole key, or with a revocation <paramref name="forger"/> made.</summary>
    public MemberKey WithPrimaryRevoked(MemberKey? forger = null) =>
        With(PgpPublicKey.AddCertification(Primary, SignedBy(forger ?? this, PgpSignature.KeyRevocation).GenerateCertification(Primary)));

    /// <summary>This key after its owner revoked the encryption subkey, or with a revocation <paramref name="forger"/> made.</summary>
    public MemberKey WithSubkeyRevoked(MemberKey? forger = null) =>
        With(PgpPublicKey.AddCertification(Subkey, SignedBy(forger ?? this, PgpSignature.SubkeyRevocation).GenerateCertification(Primary, Subkey)));

    /// <summary>This key after its owner revoked its user id, or with a revocation <paramref name="forger"/> made.</summary>
    public MemberKey WithUserIdRevoked(MemberKey? forger = null)
    {
        var userId = Primary.GetUserIds().Single();
        return With(PgpPublicKey.AddCertification(Primary, userId, SignedBy(forger ?? this, PgpSignature.CertificationRevocation).GenerateCertification(userId, Primary)));
    }

    /// <summary>
    /// This key with the encryption subkey's binding signature replaced by one <paramref name="signer"/>'s primary key
    /// made, or removed when there is no signer: what someone who appends their own subkey to the key would give.
    /// </summary>
    public MemberKey WithSubkeyBoundBy(MemberKey? signer)
    {
        var subkey = Subkey.GetSignatures().Aggregate(Subkey, PgpPublicKey.RemoveCertification);
        if (signer is not null)
        {
            var binding = SignedBy(signer, PgpSignature.SubkeyBinding);
            binding.SetHashedSubpackets(Flags(KeyFlags.EncryptComms | KeyFlags.EncryptStorage, null));
            subkey = PgpPublicKey.AddCertification(subkey, binding.GenerateCertification(Primary, subkey));
        }

        return With(subkey);
    }

    /// <summary>As <c>gpg --armor --export</c> prints it.</summary>
    public string ArmoredPublicKey
    {
        get
        {
            using var output = new MemoryStream();
            using (var armor = new ArmoredOutputStream(output))
            {
                publicRing.Encode(armor);
            }

            return Encoding.ASCII.GetString(output.ToArray());
        }
    }

    /// <summary>As <c>gpg --export | base64 -w0</c> prints it.</summary>
    public string Base64PublicKey => Convert.ToBase64String(publicRing.GetEncoded());

    /// <summary>The key id of the encryption subkey.</summary>
    public long EncryptionKeyId => publicRing.GetPublicKeys().Single(k => !k.IsMasterKey).KeyId;

    /// <summary>Opens an armored OpenPGP message with this member's secret encryption key; throws when that key can't.</summary>
    public string Decrypt(string armored)
    {
        using var input = PgpUtilities.GetDecoderStream(new MemoryStream(Encoding.ASCII.GetBytes(armored)));
        var factory = new PgpObjectFactory(input);
        var first = factory.NextPgpObject();
        var list = first as PgpEncryptedDataList ?? (PgpEncryptedDataList)factory.NextPgpObject();
        // Whichever key the message names, this member's secret key is tried: the point is whether it opens the message.
        var data = list.GetEncryptedDataObjects().OfType<PgpPublicKeyEncryptedData>().Single();
        var secret = secretRing.GetSecretKey(EncryptionKeyId);
        using var clear = data.GetDataStream(secret.ExtractPrivateKey(Array.Empty<char>()));
        var literal = (PgpLiteralData)new PgpObjectFactory(clear).NextPgpObject();
        using var text = new MemoryStream();
        literal.GetInputStream().CopyTo(text);
        if (!data.Verify())
        {
            throw new PgpException("The message's integrity check failed.");
        }

        return Encoding.UTF8.GetString(text.ToArray());
    }

    PgpPublicKey Primary => publicRing.GetPublicKey();

    PgpPublicKey Subkey => publicRing.GetPublicKey(EncryptionKeyId);

    MemberKey With(PgpPublicKey key) => new(PgpPublicKeyRing.InsertPublicKey(publicRing, key), secretRing);

    static PgpSignatureGenerator SignedBy(MemberKey signer, int signatureType)
    {
        var generator = new PgpSignatureGenerator(PublicKeyAlgorithmTag.RsaGeneral, HashAlgorithmTag.Sha256);
        generator.InitSign(signatureType, signer.secretRing.GetSecretKey().ExtractPrivateKey(Array.Empty<char>()));
        return generator;
    }

    static PgpSignatureSubpacketVector Flags(int flags, TimeSpan? expiresAfter)
    {
        var packets = new PgpSignatureSubpacketGenerator();
        packets.SetKeyFlags(false, flags);
        if (expiresAfter is { } after)
        {
            packets.SetKeyExpirationTime(false, (long)after.TotalSeconds);
        }

        return packets.Generate();
    }
}
