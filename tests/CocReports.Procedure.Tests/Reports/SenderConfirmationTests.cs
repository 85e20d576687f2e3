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
        var mail = await ReporterMail.ConfirmSenderAsync(report, "member@example.org", new Uri("https://coc.example.org/api/reports/X/confirm-sender?token=t"), "Example Community");

        Assert.Equal("member@example.org", mail.To.Email);
        Assert.DoesNotContain("Forged, perhaps", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("The subject the sender wrote", mail.Subject + mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Reference, mail.Subject + mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("confirm-sender?token=t", mail.TextBody, StringComparison.Ordinal);
    }
}
