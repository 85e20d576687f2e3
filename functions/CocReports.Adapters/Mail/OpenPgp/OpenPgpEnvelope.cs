using System.Text;
using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Org.BouncyCastle.Security;

namespace CocReports.Adapters.Mail.OpenPgp;

/// <summary>
/// Encrypts mail to one recipient's OpenPGP key (RFC 4880: AES-256 with an integrity packet, ASCII armor). The service
/// holds no secret key, so it can read none of what it sends.
/// </summary>
public static class OpenPgpEnvelope
{
    /// <summary>An ASCII-armored OpenPGP message of <paramref name="plaintext"/> that only <paramref name="key"/>'s secret key opens.</summary>
    public static string Encrypt(byte[] plaintext, PgpPublicKey key)
    {
        using var output = new MemoryStream();
        using (var armor = new ArmoredOutputStream(output))
        {
            var encryption = new PgpEncryptedDataGenerator(SymmetricKeyAlgorithmTag.Aes256, withIntegrityPacket: true, new SecureRandom());
            encryption.AddMethod(key);
            using var encrypted = encryption.Open(armor, new byte[1 << 16]);
            using var literal = new PgpLiteralDataGenerator().Open(encrypted, PgpLiteralData.Binary, "", plaintext.Length, DateTime.UnixEpoch);
            literal.Write(plaintext);
        }

        return Encoding.ASCII.GetString(output.ToArray());
    }

    /// <summary>
    /// PGP/MIME (RFC 3156, section 4): the whole body, text and HTML parts with their headers, inside one encrypted part;
    /// mail clients with OpenPGP support show it as the original message.
    /// </summary>
    public static MimeEntity Seal(MimeEntity body, PgpPublicKey key)
    {
        // Encrypted MIME is canonical, CRLF line ends (RFC 3156, section 4), whatever the platform's.
        var canonical = FormatOptions.Default.Clone();
        canonical.NewLineFormat = NewLineFormat.Dos;
        using var plaintext = new MemoryStream();
        body.WriteTo(canonical, plaintext);
        var sealedBody = new MultipartEncrypted();
        sealedBody.ContentType.Parameters["protocol"] = "application/pgp-encrypted";
        sealedBody.Add(new MimePart("application", "pgp-encrypted")
        {
            Content = new MimeContent(new MemoryStream(Encoding.ASCII.GetBytes("Version: 1\r\n"))),
        });
        sealedBody.Add(new MimePart("application", "octet-stream")
        {
            Content = new MimeContent(new MemoryStream(Encoding.ASCII.GetBytes(Encrypt(plaintext.ToArray(), key)))),
            ContentDisposition = new ContentDisposition(ContentDisposition.Inline) { FileName = "encrypted.asc" },
            ContentTransferEncoding = ContentEncoding.SevenBit,
        });
        return sealedBody;
    }
}
