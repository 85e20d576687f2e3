using CocReports.Procedure.Intake.Mail;
using CocReports.Procedure.Links;
using static CocReports.Procedure.Tests.Samples;

namespace CocReports.Procedure.Tests.Intake.Mail;

public class MailClassifierTests
{
    static readonly MailIntakeOptions Options = new() { Address = "conduct@example.org" };
    static readonly ReplyAddress Replies = new(Options, new SigningKeys(new LinkOptions { SigningKey = SigningKey }));
    static readonly MailClassifier Classifier = new(Options, Replies);
    static readonly string[] Own = ["coc@example.org"];

    static InboundMail Mail(string from = "reporter@reporters.test", string to = "conduct@example.org", string? returnPath = "<reporter@reporters.test>") =>
        new("id@reporters.test", "00", from, null, returnPath, [to], "Subject", "Text", []);

    [Fact]
    public void A_person_writing_to_the_conduct_address_makes_a_report() =>
        Assert.Equal(InboundMailKind.Report, Classifier.Classify(Mail(), Own));

    [Theory]
    [InlineData("auto-replied")]
    [InlineData("auto-generated")]
    [InlineData("Auto-Notified")]
    public void Mail_auto_submitted_by_a_machine_is_not_answered(string autoSubmitted) =>
        Assert.Equal(InboundMailKind.AutoReply, Classifier.Classify(Mail() with { AutoSubmitted = autoSubmitted }, Own));

    [Fact]
    public void Auto_submitted_no_is_a_person_writing() =>
        Assert.Equal(InboundMailKind.Report, Classifier.Classify(Mail() with { AutoSubmitted = "no" }, Own));

    [Theory]
    [InlineData("bulk")]
    [InlineData("list")]
    [InlineData("junk")]
    public void Bulk_list_and_junk_mail_is_not_answered(string precedence) =>
        Assert.Equal(InboundMailKind.AutoReply, Classifier.Classify(Mail() with { Precedence = precedence }, Own));

    [Fact]
    public void Bounces_are_recognised_by_their_null_sender_their_daemon_or_their_delivery_report()
    {
        Assert.Equal(InboundMailKind.Bounce, Classifier.Classify(Mail(returnPath: "<>"), Own));
        Assert.Equal(InboundMailKind.Bounce, Classifier.Classify(Mail(from: "MAILER-DAEMON@mx.example.net"), Own));
        Assert.Equal(InboundMailKind.Bounce, Classifier.Classify(Mail() with { IsDeliveryReport = true }, Own));
    }

    [Fact]
    public void The_services_own_addresses_are_never_a_report()
    {
        Assert.Equal(InboundMailKind.OwnMail, Classifier.Classify(Mail(from: "COC@example.org"), Own));
        Assert.Equal(InboundMailKind.OwnMail, Classifier.Classify(Mail(from: "conduct@example.org"), Own));
        Assert.Equal(InboundMailKind.OwnMail, Classifier.Classify(Mail(from: Replies.For("COC-AB12-CD34")!), Own));
    }

    [Fact]
    public void Mail_to_a_cases_reply_address_is_a_reply_and_to_a_forged_one_a_report()
    {
        Assert.Equal(InboundMailKind.Reply, Classifier.Classify(Mail(to: Replies.For("COC-AB12-CD34")!), Own));
        Assert.Equal(InboundMailKind.Report, Classifier.Classify(Mail(to: "conduct+COC-AB12-CD34.AAAAAAAAAAAAAAAA@example.org"), Own));
    }
}
