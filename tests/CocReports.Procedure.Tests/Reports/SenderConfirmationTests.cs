using CocReports.Procedure.Notifications;
using CocReports.Procedure.Reports;

namespace CocReports.Procedure.Tests.Reports;

public sealed class SenderConfirmationTests
{
    static readonly Report Unconfirmed = Samples.Report(new ReportDetails { Description = "Forged, perhaps." }) with
    {
        Door = Door.Email,
        Sender = MailSender.Unconfirmed,
        UnconfirmedSender = "member@example.org",
    };

    [Fact]
    public void An_unconfirmed_sender_has_no_contact_and_the_committee_sees_the_confirmation_pending()
    {
        Assert.True(Unconfirmed.Details.IsAnonymous);
        var fields = ReportSummary.Fields(Unconfirmed).ToDictionary(f => f.Label, f => f.Value);
        Assert.StartsWith("member@example.org not verified (pending confirmation)", fields["Sender"], StringComparison.Ordinal);
        Assert.Equal("No contact until the sender confirms (see Sender)", fields["Reporter"]);
    }

    [Fact]
    public void Confirming_makes_the_sender_the_contact_once()
    {
        var confirmed = Unconfirmed.WithSenderConfirmed();

        Assert.NotNull(confirmed);
        Assert.Equal("member@example.org", confirmed.Details.ContactEmail);
        Assert.Null(confirmed.UnconfirmedSender);
        Assert.Equal(MailSender.Confirmed, confirmed.Sender);
        Assert.Null(confirmed.WithSenderConfirmed());
        Assert.Contains(ReportSummary.Fields(confirmed), f => f.Label == "Sender" && f.Value.StartsWith("Not verified by the mail server; confirmed", StringComparison.Ordinal));
    }

    [Fact]
    public void A_form_report_names_no_sender_and_an_unchecked_email_says_so()
    {
        var form = Samples.Report(new ReportDetails { Description = "By the form.", ContactEmail = "a@example.org" });
        Assert.DoesNotContain(ReportSummary.Fields(form), f => f.Label == "Sender");
        Assert.Contains(ReportSummary.Fields(form with { Door = Door.Email }), f => f.Label == "Sender" && f.Value.StartsWith("Not checked", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_request_to_confirm_says_nothing_of_the_report()
    {
        var report = Unconfirmed with { Subject = "The subject the sender wrote" };
        var mail = await ReporterMail.ConfirmSenderAsync(report, "member@example.org", new Uri("https://coc.example.org/api/reports/X/confirm-sender?token=t"), TimeSpan.FromDays(7), "1", "Example Community");

        Assert.Equal("member@example.org", mail.To.Email);
        Assert.DoesNotContain("Forged, perhaps", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("The subject the sender wrote", mail.Subject + mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Reference, mail.Subject + mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("confirm-sender?token=t", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("The link works for one week. After that, reply to this email and a new one is sent.", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_request_to_confirm_is_a_mail_of_its_own()
    {
        var link = new Uri("https://coc.example.org/api/reports/X/confirm-sender?token=t");
        var first = await ReporterMail.ConfirmSenderAsync(Unconfirmed, "member@example.org", link, TimeSpan.FromDays(7), "1", "Example Community");
        var again = await ReporterMail.ConfirmSenderAsync(Unconfirmed, "member@example.org", link, TimeSpan.FromDays(7), "2", "Example Community");

        Assert.NotEqual(first.MessageId, again.MessageId);
    }

    [Fact]
    public void An_anonymous_sender_to_confirm_is_not_shown_and_confirming_lets_the_sealed_address_go_without_making_a_contact()
    {
        var anonymous = Samples.Report(new ReportDetails { Description = "Anonymous, perhaps forged." }) with
        {
            Door = Door.Email,
            Sender = MailSender.Unconfirmed,
            SealedAnonymousSender = "k1.sealed",
        };

        var fields = ReportSummary.Fields(anonymous).ToDictionary(f => f.Label, f => f.Value);
        Assert.StartsWith("Not verified by the mail server: asked to confirm they sent it before their anonymous receipt", fields["Sender"], StringComparison.Ordinal);
        Assert.Equal("Anonymous (follows up through the status page)", fields["Reporter"]);

        var confirmed = anonymous.WithSenderConfirmed();
        Assert.NotNull(confirmed);
        Assert.Null(confirmed.SealedAnonymousSender);
        Assert.Null(confirmed.Details.ContactEmail);
        Assert.Equal(MailSender.Confirmed, confirmed.Sender);
        Assert.Null(confirmed.WithSenderConfirmed());
    }
}
