using System.Text;
using CocReports.Adapters.Mail.Inbound;
using CocReports.Procedure.Intake.Mail;
using MimeKit;

namespace CocReports.Adapters.Tests.Mail.Inbound;

public sealed class MimeMailParserTests
{
    [Fact]
    public async Task Authentication_results_are_carried_topmost_first_and_unfolded()
    {
        const string raw = """
            Authentication-Results: mx.google.com;
                   dkim=pass header.i=@example.org header.s=s1;
                   dmarc=pass (p=NONE sp=NONE dis=NONE) header.from=example.org
            Received: from mail.example.org by mx.google.com
            Authentication-Results: mx.google.com; dmarc=fail header.from=example.org
            From: Member <member@example.org>
            To: conduct@example.org
            Subject: A report
            Message-ID: <one@example.org>

            What happened.
            """;
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(raw.ReplaceLineEndings("\r\n")));

        var mail = await new MimeMailParser().ParseAsync(stream, CancellationToken.None);

        Assert.Equal(2, mail.AuthenticationResults.Count);
        Assert.Contains("dmarc=pass", mail.AuthenticationResults[0], StringComparison.Ordinal);
        Assert.DoesNotContain("\n", mail.AuthenticationResults[0], StringComparison.Ordinal);
        Assert.True(SenderVerification.Verifies(mail.AuthenticationResults, "mx.google.com", mail.FromAddress));
    }

    [Fact]
    public async Task A_forwarded_message_is_read_as_evidence_without_being_held_in_memory()
    {
        const int PictureBytes = 20 * 1024 * 1024;
        var forwarded = new MimeMessage { Subject = "What they sent me" };
        var inner = new BodyBuilder { TextBody = "See the picture." };
        inner.Attachments.Add("picture.bin", new byte[PictureBytes], ContentType.Parse("application/octet-stream"));
        forwarded.Body = inner.ToMessageBody();
        var outer = new MimeMessage { Subject = "Forwarding the messages I got" };
        outer.From.Add(MailboxAddress.Parse("reporter@example.org"));
        outer.To.Add(MailboxAddress.Parse("conduct@example.org"));
        outer.Body = new Multipart("mixed")
        {
            new TextPart("plain") { Text = "Here is what they wrote." },
            new MessagePart { Message = forwarded, ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) },
        };

        await using var raw = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        await outer.WriteToAsync(raw);
        var mail = await new MimeMailParser().ParseAsync(raw, CancellationToken.None);
        var attachment = Assert.Single(mail.Attachments);

        // Read synchronously on this thread, so that what it allocates is counted here.
        var before = GC.GetAllocatedBytesForCurrentThread();
        long read = 0;
        using (var content = attachment.Open())
        {
            var buffer = new byte[81920];
            for (int n; (n = content.Read(buffer)) > 0;)
            {
                read += n;
            }
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(read > PictureBytes, $"The forwarded message was {read} bytes.");
        Assert.True(allocated < PictureBytes / 10, $"Reading the forwarded message allocated {allocated} bytes.");
    }
}
