using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CocReports.Adapters.Mail;
using CocReports.Adapters.Mail.Acs;
using CocReports.Adapters.Mail.OpenPgp;
using CocReports.Adapters.Mail.Smtp;
using CocReports.Procedure.Committee;
using CocReports.Testing;
using CocReports.Procedure.Mail;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace CocReports.Adapters.Tests.Mail.OpenPgp;

/// <summary>
/// A member who configured an OpenPGP key gets mail only their secret key opens: PGP/MIME over SMTP (to the smtp4dev
/// test.sh starts), inline OpenPGP through ACS (to a fake ACS endpoint).
/// </summary>
[Collection(CocReports.Adapters.Tests.Mail.Smtp.Smtp4devSessions.Name)]
public sealed class EncryptedMailTests
{
    static readonly MemberKey Member = MemberKey.Generate("Grace <grace@example.org>");
    static readonly MemberKey Other = MemberKey.Generate("Alan <alan@example.org>");

    const string Narrative = "Typed narrative: he followed me to the hotel lobby.";

    static OutgoingMail ForMember(string subject) =>
        new($"{Guid.NewGuid():N}@coc-reports", new Recipient("Grace", "grace@example.org"), subject, $"What happened:\n{Narrative}\n", $"<p>{Narrative}</p>")
        {
            OpenPgpKey = Member.ArmoredPublicKey,
        };

    [Fact]
    public async Task Smtp_mail_for_a_members_key_arrives_as_pgp_mime_that_their_key_opens_and_another_key_does_not()
    {
        var subject = $"New Code of Conduct report {Guid.NewGuid():N}";
        var sender = new SmtpMailSender(
            new SmtpOptions { Port = int.Parse(Env("COC_TEST_SMTP_PORT"), System.Globalization.CultureInfo.InvariantCulture), Security = "None" },
            new MailOptions(),
            TimeProvider.System);

        await sender.SendAsync(ForMember(subject), CancellationToken.None);

        var raw = await RawFromSmtp4devAsync(subject);
        Assert.DoesNotContain("hotel lobby", raw, StringComparison.Ordinal);
        var message = MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(raw)));
        Assert.Equal(subject, message.Subject);
        var encrypted = Assert.IsType<MultipartEncrypted>(message.Body);
        Assert.Equal("application/pgp-encrypted", encrypted.ContentType.Parameters["protocol"]);
        using var armored = new StreamReader(((MimePart)encrypted[1]).Content!.Open());
        var armor = await armored.ReadToEndAsync();

        var opened = MimeEntity.Load(new MemoryStream(Encoding.UTF8.GetBytes(Member.Decrypt(armor))));
        var alternative = Assert.IsType<MultipartAlternative>(opened);
        Assert.Contains(Narrative, alternative.TextBody, StringComparison.Ordinal);
        Assert.Contains(Narrative, alternative.HtmlBody, StringComparison.Ordinal);
        Assert.ThrowsAny<PgpException>(() => Other.Decrypt(armor));
    }

    [Fact]
    public async Task Acs_mail_for_a_members_key_carries_only_an_armored_message_that_their_key_opens_and_another_key_does_not()
    {
        await using var acs = await FakeAcsEmail.StartAsync();
        acs.OnSend(FakeAcsEmail.Accepted("Succeeded"));
        var sender = new AcsEmailSender(
            Options.Create(new AcsEmailOptions { ConnectionString = $"endpoint={acs.Endpoint};accesskey={Convert.ToBase64String(new byte[32])}", FromAddress = "committee@reports.example.org" }),
            TimeProvider.System,
            NullLogger<AcsEmailSender>.Instance);

        await sender.SendAsync(ForMember("New Code of Conduct report COC-AB12-CD34"), CancellationToken.None);

        var sent = Encoding.UTF8.GetString(Assert.Single(acs.Requests).Body);
        Assert.DoesNotContain("hotel lobby", sent, StringComparison.Ordinal);
        using var body = JsonDocument.Parse(sent);
        var content = body.RootElement.GetProperty("content");
        var text = content.GetProperty("plainText").GetString()!;
        Assert.StartsWith("-----BEGIN PGP MESSAGE-----", text, StringComparison.Ordinal);
        Assert.Contains("-----BEGIN PGP MESSAGE-----", content.GetProperty("html").GetString(), StringComparison.Ordinal);
        Assert.Equal($"What happened:\n{Narrative}\n", Member.Decrypt(text));
        Assert.ThrowsAny<PgpException>(() => Other.Decrypt(text));
    }

    [Fact]
    public void Mail_is_encrypted_to_the_subkey_that_may_encrypt_whether_the_key_is_given_armored_or_in_base64()
    {
        var now = DateTimeOffset.UtcNow;

        Assert.Equal(Member.EncryptionKeyId, RecipientKey.Parse(Member.ArmoredPublicKey, now).KeyId);
        Assert.Equal(Member.EncryptionKeyId, RecipientKey.Parse(Member.Base64PublicKey, now).KeyId);
    }

    [Theory]
    [InlineData("primary revoked", "is revoked")]
    [InlineData("every user id revoked", "Every user id of the OpenPGP key is revoked")]
    [InlineData("primary expired", "has expired")]
    [InlineData("subkey without binding", "may encrypt")]
    [InlineData("subkey bound by another key", "may encrypt")]
    [InlineData("subkey revoked", "may encrypt")]
    [InlineData("subkey expired", "may encrypt")]
    [InlineData("subkey may only sign", "may encrypt")]
    public async Task A_key_whose_subkey_may_not_encrypt_now_is_refused_at_start_and_when_sending(string flaw, string reason)
    {
        // Two days on, so that keys made to expire after a day have expired.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(2));
        var key = flaw switch
        {
            "primary revoked" => Member.WithPrimaryRevoked(),
            "every user id revoked" => Member.WithUserIdRevoked(),
            "primary expired" => MemberKey.Generate("Kim <kim@example.org>", primaryExpiresAfter: TimeSpan.FromDays(1)),
            "subkey without binding" => Member.WithSubkeyBoundBy(null),
            "subkey bound by another key" => Member.WithSubkeyBoundBy(Other),
            "subkey revoked" => Member.WithSubkeyRevoked(),
            "subkey expired" => MemberKey.Generate("Kim <kim@example.org>", subkeyExpiresAfter: TimeSpan.FromDays(1)),
            _ => MemberKey.Generate("Kim <kim@example.org>", Org.BouncyCastle.Bcpg.Sig.KeyFlags.SignData),
        };
        var mail = ForMember("New Code of Conduct report COC-AB12-CD34") with { OpenPgpKey = key.ArmoredPublicKey };

        var atStart = new CommitteeKeysValidation(clock).Validate(
            null,
            new CommitteeOptions { Members = [new CommitteeMember { Id = "grace", Name = "Grace", Email = "grace@example.org", OpenPgpPublicKey = key.ArmoredPublicKey }] });
        var failure = Assert.Single(atStart.Failures!);
        Assert.StartsWith("Committee:Members:0:OpenPgpPublicKey", failure, StringComparison.Ordinal);
        Assert.Contains(reason, failure, StringComparison.Ordinal);
        // No SMTP server listens: the key is refused before any connection.
        using var smtp = new SmtpMailSender(new SmtpOptions { Port = 9, Security = "None" }, new MailOptions(), clock);
        await Assert.ThrowsAsync<FormatException>(() => smtp.SendAsync(mail, CancellationToken.None));
        await using var acs = await FakeAcsEmail.StartAsync();
        acs.OnSend(FakeAcsEmail.Accepted("Succeeded"));
        var sender = new AcsEmailSender(
            Options.Create(new AcsEmailOptions { ConnectionString = $"endpoint={acs.Endpoint};accesskey={Convert.ToBase64String(new byte[32])}", FromAddress = "committee@reports.example.org" }),
            clock,
            NullLogger<AcsEmailSender>.Instance);
        await Assert.ThrowsAsync<FormatException>(() => sender.SendAsync(mail, CancellationToken.None));
        Assert.Empty(acs.Requests);
    }

    [Fact]
    public void A_revocation_another_key_signed_is_ignored_and_mail_is_still_encrypted_to_the_members_key()
    {
        // Anyone can append a revocation packet to a public key: only one the primary key made may disable it.
        var now = DateTimeOffset.UtcNow;
        foreach (var forged in new[] { Member.WithPrimaryRevoked(Other), Member.WithSubkeyRevoked(Other), Member.WithUserIdRevoked(Other) })
        {
            Assert.Equal(Member.EncryptionKeyId, RecipientKey.Parse(forged.ArmoredPublicKey, now).KeyId);
            Assert.True(new CommitteeKeysValidation(TimeProvider.System).Validate(
                null,
                new CommitteeOptions { Members = [new CommitteeMember { Id = "grace", Name = "Grace", Email = "grace@example.org", OpenPgpPublicKey = forged.ArmoredPublicKey }] }).Succeeded);
        }
    }

    [Fact]
    public void A_configured_key_that_cannot_be_read_fails_at_start_naming_its_setting()
    {
        var committee = new CommitteeOptions
        {
            Members =
            [
                new CommitteeMember { Id = "grace", Name = "Grace", Email = "grace@example.org", OpenPgpPublicKey = Member.ArmoredPublicKey },
                new CommitteeMember { Id = "ada", Name = "Ada", Email = "ada@example.org" },
            ],
            EscalationContacts = [new EscalationContact { Name = "Chair", Email = "chair@example.org", OpenPgpPublicKey = "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nnot a key\n-----END PGP PUBLIC KEY BLOCK-----" }],
        };

        var result = new CommitteeKeysValidation(TimeProvider.System).Validate(null, committee);

        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("Committee:EscalationContacts:0:OpenPgpPublicKey", failure, StringComparison.Ordinal);
        Assert.True(new CommitteeKeysValidation(TimeProvider.System).Validate(null, new CommitteeOptions { Members = [committee.Members[0]] }).Succeeded);
    }

    static async Task<string> RawFromSmtp4devAsync(string subject)
    {
        using var http = new HttpClient { BaseAddress = new Uri(Env("COC_TEST_SMTP4DEV_URL")) };
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var page = await http.GetFromJsonAsync<MessagePage>("api/messages?pageSize=5000");
            if (page!.Results.FirstOrDefault(m => m.Subject == subject) is { } found)
            {
                return await http.GetStringAsync($"api/messages/{found.Id}/raw");
            }

            Assert.True(DateTime.UtcNow < deadline, "The encrypted mail did not reach smtp4dev.");
            await Task.Delay(100);
        }
    }

    static string Env(string name) =>
        Environment.GetEnvironmentVariable(name) ?? throw new InvalidOperationException($"{name} is not set: run the tests with ./test.sh, which starts smtp4dev.");

    sealed record MessagePage([property: JsonPropertyName("results")] List<Message> Results);

    sealed record Message([property: JsonPropertyName("id")] string Id, [property: JsonPropertyName("subject")] string Subject);
}
