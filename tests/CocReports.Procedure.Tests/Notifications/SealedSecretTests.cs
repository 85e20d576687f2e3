using System.Buffers.Text;
using System.Security.Cryptography;
using CocReports.Procedure.Notifications;

namespace CocReports.Procedure.Tests.Notifications;

public class SealedSecretTests
{
    const string Secret = "K7Q2M-9XW4R-HT3ZP-B8N6V";
    static readonly byte[] Key = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
    static readonly byte[] OtherKey = [.. Enumerable.Range(2, 32).Select(i => (byte)i)];

    [Fact]
    public void Sealed_secret_opens_to_the_same_secret()
    {
        var sealer = new SealedSecret(Key);

        Assert.Equal(Secret, sealer.Open(sealer.Seal(Secret)));
        Assert.Equal("", sealer.Open(sealer.Seal("")));
    }

    [Fact]
    public void Sealed_text_does_not_contain_the_secret()
    {
        var sealedText = new SealedSecret(Key).Seal(Secret);

        Assert.DoesNotContain(Secret, sealedText, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Secret[..5], sealedText, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Sealing_twice_gives_different_texts()
    {
        var sealer = new SealedSecret(Key);

        Assert.NotEqual(sealer.Seal(Secret), sealer.Seal(Secret));
    }

    [Fact]
    public void Any_flipped_byte_makes_open_throw()
    {
        var sealer = new SealedSecret(Key);
        var bytes = Base64Url.DecodeFromChars(sealer.Seal(Secret));

        for (var i = 0; i < bytes.Length; i++)
        {
            var tampered = bytes.ToArray();
            tampered[i] ^= 0x01;
            Assert.ThrowsAny<CryptographicException>(() => sealer.Open(Base64Url.EncodeToString(tampered)));
        }
    }

    [Fact]
    public void Another_key_cannot_open_it()
    {
        var sealedText = new SealedSecret(Key).Seal(Secret);

        Assert.ThrowsAny<CryptographicException>(() => new SealedSecret(OtherKey).Open(sealedText));
    }
}
