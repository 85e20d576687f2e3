using System.Text;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace CocReports.Adapters.Tests.Mail.OpenPgp;

/// <summary>A committee member's OpenPGP key pair, made for the test: the public half configured, the secret half the member's.</summary>
public sealed class MemberKey
{
    readonly PgpSecretKey secret;

    MemberKey(PgpSecretKey secret) => this.secret = secret;

    public static MemberKey Generate(string userId)
    {
        var rsa = new RsaKeyPairGenerator();
        rsa.Init(new RsaKeyGenerationParameters(BigInteger.ValueOf(0x10001), new SecureRandom(), 2048, 12));
        var pair = new PgpKeyPair(PublicKeyAlgorithmTag.RsaGeneral, rsa.GenerateKeyPair(), DateTime.UtcNow.AddMinutes(-1));
        return new(new PgpSecretKey(
            PgpSignature.DefaultCertification, pair, userId, SymmetricKeyAlgorithmTag.Aes256, Array.Empty<char>(), true, null, null, new SecureRandom()));
    }

    /// <summary>As <c>gpg --armor --export</c> prints it.</summary>
    public string ArmoredPublicKey
    {
        get
        {
            using var output = new MemoryStream();
            using (var armor = new ArmoredOutputStream(output))
            {
                secret.PublicKey.Encode(armor);
            }

            return Encoding.ASCII.GetString(output.ToArray());
        }
    }

    /// <summary>As <c>gpg --export | base64 -w0</c> prints it.</summary>
    public string Base64PublicKey => Convert.ToBase64String(secret.PublicKey.GetEncoded());

    /// <summary>Opens an armored OpenPGP message with this member's secret key; throws when the key can't.</summary>
    public string Decrypt(string armored)
    {
        using var input = PgpUtilities.GetDecoderStream(new MemoryStream(Encoding.ASCII.GetBytes(armored)));
        var factory = new PgpObjectFactory(input);
        var first = factory.NextPgpObject();
        var list = first as PgpEncryptedDataList ?? (PgpEncryptedDataList)factory.NextPgpObject();
        // Whatever key the message names, try this member's: the point is whether their secret opens it.
        var data = list.GetEncryptedDataObjects().OfType<PgpPublicKeyEncryptedData>().Single();
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
}
