using CocReports.Procedure.Intake.Mail;

namespace CocReports.Procedure.Tests.Intake.Mail;

public sealed class MailboxTurnsTests
{
    sealed record Waiting(int Uid, string Domain, bool Reply = false, bool Failed = false);

    static List<int> Order(params Waiting[] waiting) =>
        [.. MailboxTurns.Order(waiting, m => m.Reply, m => m.Failed, m => m.Domain).Select(m => m.Uid)];

    [Fact]
    public void A_domain_that_filled_the_mailbox_takes_one_turn_a_round_so_a_report_from_elsewhere_comes_second()
    {
        Assert.Equal(
            [1, 5, 6, 2, 3, 4],
            Order(new(1, "flood.test"), new(2, "flood.test"), new(3, "flood.test"), new(4, "flood.test"), new(5, "example.org"), new(6, "example.net")));
    }

    [Fact]
    public void Replies_into_cases_come_before_every_new_report_and_failed_messages_after_those_never_tried()
    {
        Assert.Equal(
            [4, 3, 2, 1],
            Order(new(1, "flood.test", Failed: true), new(2, "flood.test"), new(3, "example.org", Reply: true, Failed: true), new(4, "flood.test", Reply: true)));
    }
}
