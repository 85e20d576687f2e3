using CocReports.Procedure.Intake.Mail;

namespace CocReports.Procedure.Tests.Intake.Mail;

public sealed class CanonicalAddressTests
{
    [Theory]
    [InlineData("victim@example.org", "victim@example.org")]
    [InlineData("Victim+1@Example.ORG", "victim@example.org")]
    [InlineData("victim+a+b@example.org", "victim@example.org")]
    [InlineData(" victim@example.org. ", "victim@example.org")]
    [InlineData("v.i.c.t.i.m+x@gmail.com", "victim@gmail.com")]
    [InlineData("victim@googlemail.com", "victim@gmail.com")]
    [InlineData("victim@bücher.example", "victim@xn--bcher-kva.example")]
    public void Variants_that_reach_one_mailbox_count_as_one(string address, string mailbox)
    {
        Assert.Equal(mailbox, CanonicalAddress.Of(address));
    }

    [Theory]
    [InlineData("first.last@example.org", "firstlast@example.org")]
    [InlineData("victim@example.org", "victim@example.net")]
    [InlineData("+tag@example.org", "@example.org")]
    public void Different_mailboxes_stay_apart(string one, string other)
    {
        // Dots matter outside Gmail; a "+" that starts the local part is not a tag.
        Assert.NotEqual(CanonicalAddress.Of(one), CanonicalAddress.Of(other));
    }
}
