using CocReports.Procedure.Intake.Mail;

namespace CocReports.Procedure.Tests.Intake.Mail;

public sealed class SenderVerificationTests
{
    const string Gmail = "mx.google.com";

    const string GmailPass = """
        mx.google.com;
               dkim=pass header.i=@example.org header.s=selector1 header.b=AbCdEf12;
               spf=pass (google.com: domain of member@example.org designates 203.0.113.7 as permitted sender) smtp.mailfrom=member@example.org;
               dmarc=pass (p=QUARANTINE sp=QUARANTINE dis=NONE) header.from=example.org
        """;

    const string GmailDmarcFail = """
        mx.google.com;
               spf=softfail (google.com: domain of transitioning member@example.org does not designate 198.51.100.9 as permitted sender) smtp.mailfrom=member@example.org;
               dmarc=fail (p=NONE sp=NONE dis=NONE) header.from=example.org
        """;

    const string Microsoft365Pass = "spf=pass (sender IP is 40.107.22.1) smtp.mailfrom=example.org; dkim=pass (signature was verified) header.d=example.org;dmarc=pass action=none header.from=example.org;compauth=pass reason=100";

    const string FastmailPass = """
        mx3.messagingengine.com;
            dkim=pass (2048-bit rsa key sha256) header.d=example.org header.i=@example.org header.b=Xy12 header.a=rsa-sha256 header.s=fm1 x-bits=2048;
            dmarc=pass policy.published-domain-policy=reject policy.applied-disposition=none policy.evaluated-disposition=none (p=reject,d=none,d.eval=none) policy.policy-from=p header.from=example.org;
            iprev=pass smtp.remote-ip=203.0.113.7 (mail.example.org);
            spf=pass smtp.mailfrom=member@example.org smtp.helo=mail.example.org
        """;

    [Fact]
    public void Gmail_dmarc_pass_for_the_from_domain_verifies()
    {
        Assert.True(SenderVerification.Verifies([GmailPass], Gmail, "member@example.org"));
    }

    [Fact]
    public void Fastmail_dmarc_pass_verifies()
    {
        Assert.True(SenderVerification.Verifies([FastmailPass], "mx3.messagingengine.com", "Member@Example.ORG"));
    }

    [Fact]
    public void A_dmarc_pass_for_another_domain_verifies_nothing()
    {
        Assert.False(SenderVerification.Verifies([GmailPass], Gmail, "victim@example.net"));
    }

    [Fact]
    public void A_dmarc_fail_verifies_nothing_even_with_an_aligned_dkim_pass()
    {
        const string header = "mx.google.com; dkim=pass header.i=@example.org; dmarc=fail (p=NONE) header.from=example.org";
        Assert.False(SenderVerification.Verifies([header], Gmail, "member@example.org"));
        Assert.False(SenderVerification.Verifies([GmailDmarcFail], Gmail, "member@example.org"));
    }

    [Theory]
    [InlineData("mx.google.com; dkim=pass header.i=@example.org header.s=s1; spf=pass smtp.mailfrom=example.org", "member@example.org", true)]
    [InlineData("mx.google.com; dkim=pass header.d=example.org; dmarc=none header.from=lists.example.org", "member@lists.example.org", true)]
    [InlineData("mx.google.com; dkim=pass header.d=mailer.example.net; spf=pass smtp.mailfrom=example.org", "member@example.org", false)]
    [InlineData("mx.google.com; dkim=fail header.d=example.org", "member@example.org", false)]
    [InlineData("mx.google.com; spf=pass smtp.mailfrom=example.org", "member@example.org", false)]
    [InlineData("mx.google.com; none", "member@example.org", false)]
    public void Without_a_dmarc_policy_an_aligned_dkim_pass_verifies(string header, string from, bool verified)
    {
        Assert.Equal(verified, SenderVerification.Verifies([header], Gmail, from));
    }

    [Fact]
    public void A_header_written_by_another_authserv_id_is_ignored()
    {
        const string forged = "mx.attacker.example; dmarc=pass header.from=example.org";
        Assert.False(SenderVerification.Verifies([forged], Gmail, "member@example.org"));
        Assert.False(SenderVerification.Verifies([forged, GmailDmarcFail], Gmail, "member@example.org"));
    }

    [Fact]
    public void Only_the_topmost_header_of_the_trusted_server_counts_not_one_the_sender_wrote_below_it()
    {
        const string forged = "mx.google.com; dmarc=pass header.from=example.org";
        Assert.False(SenderVerification.Verifies([GmailDmarcFail, forged], Gmail, "member@example.org"));
        Assert.True(SenderVerification.Verifies(["mx.attacker.example; dmarc=fail header.from=example.org", GmailPass], Gmail, "member@example.org"));
    }

    [Fact]
    public void Microsoft_365_writes_no_authserv_id_so_its_header_matches_no_configured_one()
    {
        Assert.False(SenderVerification.Verifies([Microsoft365Pass], "outlook.com", "member@example.org"));
    }

    [Fact]
    public void A_pass_inside_a_comment_reads_as_nothing()
    {
        const string header = "mx.google.com; spf=neutral (dmarc=pass header.from=example.org; dkim=pass header.d=example.org) smtp.mailfrom=example.org; dmarc=fail header.from=example.org";
        Assert.False(SenderVerification.Verifies([header], Gmail, "member@example.org"));
    }

    [Theory]
    [InlineData(null, Gmail)]
    [InlineData("no-at-sign", Gmail)]
    [InlineData("member@example.org", "")]
    public void No_address_or_no_trusted_server_verifies_nothing(string? from, string authServId)
    {
        Assert.False(SenderVerification.Verifies([GmailPass], authServId, from));
    }

    [Fact]
    public void No_header_verifies_nothing()
    {
        Assert.False(SenderVerification.Verifies([], Gmail, "member@example.org"));
    }
}
