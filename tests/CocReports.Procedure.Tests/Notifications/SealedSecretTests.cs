using System.Buffers.Text;
using System.Security.Cryptography;
using CocReports.Procedure.Links;
using CocReports.Procedure.Notifications;
using static CocReports.Procedure.Tests.Samples;

namespace CocReports.Procedure.Tests.Notifications;

public class SealedSecretTests
{
    const string Secret = "K7Q2M-9XW4R-HT3ZP-B8N6V";

    static SigningKeys Keys(string current, string? previous = null)
    {
        var options = LinkOptions(current);
        options.PreviousSigningKey = previous;
        return new SigningKeys(options);
    }

    [Fact]
    public void Sealed_secret_opens_to_the_same_secret()
    {
        var sealer = new SealedSecret(Keys(SigningKey));

        Assert.Equal(Secret, sealer.Open(sealer.Seal(Secret)));
        Assert.Equal("", sealer.Open(sealer.Seal("")));
    }

    [Fact]
    public void Sealed_text_does_not_contain_the_secret()
    {
        var sealedText = new SealedSecret(Keys(SigningKey)).Seal(Secret);

        Assert.DoesNotContain(Secret, sealedText, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Secret[..5], sealedText, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Sealing_twice_gives_different_texts()
    {
        var sealer = new SealedSecret(Keys(SigningKey));

        Assert.NotEqual(sealer.Seal(Secret), sealer.Seal(Secret));
    }

    [Fact]
    public void Any_flipped_byte_makes_open_throw()
    {
        var sealer = new SealedSecret(Keys(SigningKey));
        var sealedText = sealer.Seal(Secret);
        var keyId = sealedText[..sealedText.IndexOf('.', StringComparison.Ordinal)];
        var bytes = Base64Url.DecodeFromChars(sealedText.AsSpan(keyId.Length + 1));

        for (var i = 0; i < bytes.Length; i++)
        {
            var tampered = bytes.ToArray();
            tampered[i] ^= 0x01;
            Assert.ThrowsAny<CryptographicException>(() => sealer.Open(keyId + "." + Base64Url.EncodeToString(tampered)));
        }
    }

    [Fact]
    public void Another_key_cannot_open_it()
    {
        var sealedText = new SealedSecret(Keys(SigningKey)).Seal(Secret);

        Assert.ThrowsAny<CryptographicException>(() => new SealedSecret(Keys(OtherSigningKey)).Open(sealedText));
    }

    [Fact]
    public void A_receipt_sealed_before_a_key_rotation_opens_with_the_previous_key()
    {
        var sealedBefore = new SealedSecret(Keys(SigningKey)).Seal(Secret);

        var rotated = new SealedSecret(Keys(OtherSigningKey, previous: SigningKey));

        Assert.Equal(Secret, rotated.Open(sealedBefore));
        Assert.Equal(Secret, rotated.Open(rotated.Seal(Secret)));
    }

    [Fact]
    public void After_rotation_new_receipts_are_sealed_under_the_new_key()
    {
        var rotated = new SealedSecret(Keys(OtherSigningKey, previous: SigningKey)).Seal(Secret);

        Assert.Equal(Secret, new SealedSecret(Keys(OtherSigningKey)).Open(rotated));
        Assert.ThrowsAny<CryptographicException>(() => new SealedSecret(Keys(SigningKey)).Open(rotated));
    }

    [Fact]
    public void A_receipt_naming_an_unknown_key_id_is_refused()
    {
        var sealedText = new SealedSecret(Keys(SigningKey)).Seal(Secret);
        var body = sealedText[sealedText.IndexOf('.', StringComparison.Ordinal)..];

        Assert.ThrowsAny<CryptographicException>(() => new SealedSecret(Keys(SigningKey)).Open("AAAAAAAA" + body));
        Assert.ThrowsAny<CryptographicException>(() => new SealedSecret(Keys(SigningKey)).Open(body[1..]));
    }
}
