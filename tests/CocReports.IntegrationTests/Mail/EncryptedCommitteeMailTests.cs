using System.Text;
using CocReports.Adapters.Tests.Mail.OpenPgp;
using CocReports.Testing;
using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace CocReports.IntegrationTests;

/// <summary>
/// A member who configured an OpenPGP key gets the whole report, encrypted so that only their key opens it, while
/// the others, at the default setting, get no report content at all: through the local host, its workflow and real
/// SMTP, as a committee would run it.
/// </summary>
[Collection(Name)]
public sealed class EncryptedCommitteeMailTests(EncryptedCommitteeMailTests.Host host)
{
    public const string Name = "encrypted committee mail";

    [Fact]
    public async Task A_member_with_a_key_gets_the_report_encrypted_to_it_and_the_others_get_none_of_it()
    {
        var narrative = $"Narrative{Guid.NewGuid():N} he followed me after the talk";
        var fields = Submissions.Fields(Submissions.NewReporter(), narrative);
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(fields));

        var subject = "New Code of Conduct report " + receipt.Reference;
        var keyed = (await host.Inbox.WaitForAsync(m => m.IsTo(host.EmailOf("kim")) && m.Subject.StartsWith(subject, StringComparison.Ordinal))).Single();
        var raw = await host.Inbox.RawAsync(keyed);
        Assert.Contains("multipart/encrypted", raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(narrative, raw, StringComparison.Ordinal);

        var encrypted = Assert.IsType<MultipartEncrypted>(MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(raw))).Body);
        using var reader = new StreamReader(((MimePart)encrypted[1]).Content!.Open());
        var armored = await reader.ReadToEndAsync();
        var opened = MimeEntity.Load(new MemoryStream(Encoding.UTF8.GetBytes(Host.KimsKey.Decrypt(armored))));
        Assert.Contains(narrative, Assert.IsType<MultipartAlternative>(opened).TextBody, StringComparison.Ordinal);
        Assert.ThrowsAny<PgpException>(() => MemberKey.Generate("Someone Else <else@example.org>").Decrypt(armored));

        foreach (var other in new[] { "alex", "sam" })
        {
            var mail = (await host.Inbox.WaitForAsync(m => m.IsTo(host.EmailOf(other)) && m.Subject.StartsWith(subject, StringComparison.Ordinal))).Single();
            var plain = await host.Inbox.RawAsync(mail);
            Assert.DoesNotContain("multipart/encrypted", plain, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(narrative, plain, StringComparison.Ordinal);
            Assert.Contains("open the case to read them", await host.Inbox.TextAsync(mail), StringComparison.Ordinal);
        }
    }

    /// <summary>Content left at its default (None); Kim has a key, and every member an address of this host's own.</summary>
    public sealed class Host : LocalHostFixture
    {
        public static readonly MemberKey KimsKey = MemberKey.Generate("Kim Tanaka <kim@committee.test>");

        readonly string tag = Guid.NewGuid().ToString("N")[..8];

        public string EmailOf(string memberId) => $"{memberId}-{tag}@encrypted.test";

        protected override void Configure(IDictionary<string, string?> settings)
        {
            settings.Remove("Notifications:Content");
            for (var i = 0; i < Members.Length; i++)
            {
                settings[$"Committee:Members:{i}:Email"] = EmailOf(Members[i].Id);
            }

            settings[$"Committee:Members:{Array.FindIndex(Members, m => m.Id == "kim")}:OpenPgpPublicKey"] = KimsKey.ArmoredPublicKey;
        }
    }

    [CollectionDefinition(Name)]
    public sealed class Collection : ICollectionFixture<Host>;
}
