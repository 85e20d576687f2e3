using System.Text;
using CocReports.Adapters.Mail.Inbound;
using CocReports.Procedure.Intake.Mail;

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
}
