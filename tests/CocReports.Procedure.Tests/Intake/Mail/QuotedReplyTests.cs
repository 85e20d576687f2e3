using CocReports.Procedure.Intake.Mail;
using CocReports.Procedure.Reports;

namespace CocReports.Procedure.Tests.Intake.Mail;

public sealed class QuotedReplyTests
{
    static readonly string Code = ReceiptCode.New();

    [Theory]
    [InlineData("On Tue, 1 Dec 2026 at 10:00, Committee <coc@example.org> wrote:")]
    [InlineData("Am Di., 1. Dez. 2026 um 10:00 Uhr schrieb Committee <coc@example.org>:")]
    [InlineData("-----Ursprüngliche Nachricht-----")]
    [InlineData("Von: Committee <coc@example.org>")]
    public void The_quoted_mail_is_cut_at_its_header_in_english_and_german(string header)
    {
        var reply = $"Yes, Dana saw it too.\n\n{header}\nYour receipt code: {Code}\nhttps://coc.example.org/api/status?reference=COC-1\n";

        Assert.Equal("Yes, Dana saw it too.", QuotedReply.Without(reply));
    }

    [Fact]
    public void No_line_with_the_receipt_code_or_the_status_link_is_kept_whatever_the_quote_style()
    {
        var spaced = Code.Replace("-", " ", StringComparison.Ordinal).ToLowerInvariant();
        var reply = $"Yes, Dana saw it too.\n| Your receipt code: {Code}\n| or {spaced}\n| Status: https://coc.example.org/api/status?reference=COC-1\nThanks.";

        var kept = QuotedReply.Without(reply);

        Assert.Equal("Yes, Dana saw it too.\nThanks.", kept);
    }

    [Fact]
    public void A_long_id_of_the_reporters_own_is_kept()
    {
        var reply = "The thread is https://chat.example.org/c/9f86d081884c7d659a2feaa0c55ad015a3bf4f1b";

        Assert.Equal(reply, QuotedReply.Without(reply));
    }

    [Fact]
    public void A_reply_that_is_all_quote_says_so()
    {
        Assert.Equal(QuotedReply.Empty, QuotedReply.Without($"> Your receipt code: {Code}\n"));
    }
}
