using CocReports.Procedure.Intake.Mail;
using CocReports.Procedure.Links;
using static CocReports.Procedure.Tests.Samples;

namespace CocReports.Procedure.Tests.Intake.Mail;

public class ReplyAddressTests
{
    const string Reference = "COC-AB12-CD34";
    static readonly MailIntakeOptions Options = new() { Address = "conduct@example.org" };

    static ReplyAddress Replies(string? key = null, string? previous = null) =>
        new(Options, new SigningKeys(new LinkOptions { SigningKey = key ?? SigningKey, PreviousSigningKey = previous }));

    [Fact]
    public void A_cases_reply_address_is_a_plus_address_of_the_conduct_address_that_names_the_case()
    {
        var address = Replies().For(Reference)!;

        Assert.StartsWith("conduct+COC-AB12-CD34.", address, StringComparison.Ordinal);
        Assert.EndsWith("@example.org", address, StringComparison.Ordinal);
        Assert.True(address.Split('@')[0].Length <= 64, "A local part holds at most 64 characters (RFC 5321).");
        Assert.Equal(Reference, Replies().ReferenceOf(address));
    }

    [Fact]
    public void A_reply_address_survives_a_mail_system_changing_its_case()
    {
        Assert.Equal(Reference, Replies().ReferenceOf(Replies().For(Reference)!.ToLowerInvariant()));
    }

    [Fact]
    public void A_forged_or_altered_token_names_no_case()
    {
        var address = Replies().For(Reference)!;

        Assert.Null(Replies().ReferenceOf(address.Replace("COC-AB12-CD34", "COC-AB12-CD35", StringComparison.Ordinal)));
        Assert.Null(Replies().ReferenceOf("conduct+COC-AB12-CD34.AAAAAAAAAAAAAAAA@example.org"));
        Assert.Null(Replies(OtherSigningKey).ReferenceOf(address));
        Assert.Null(Replies().ReferenceOf(address.Replace("@example.org", "@elsewhere.test", StringComparison.Ordinal)));
        Assert.Null(Replies().ReferenceOf("conduct@example.org"));
    }

    [Fact]
    public void A_reply_token_carries_too_many_bits_to_guess_however_many_mails_a_stranger_sends()
    {
        // Anyone may write to conduct+<reference>.<token>: every guess costs a stranger one mail, and a right one puts
        // their text into the case. At 80 bits (16 base32 characters of 5 bits), a million mails a day would take about
        // 10^15 years to find one on average.
        var token = Replies().For(Reference)!.Split('@')[0].Split('.')[^1];

        Assert.True(token.Length * 5 >= 80, $"The token {token} carries {token.Length * 5} bits.");
        Assert.Matches("^[A-Z2-7]+$", token);
    }

    [Fact]
    public void A_reply_address_made_before_a_key_rotation_still_names_its_case()
    {
        var before = Replies().For(Reference)!;

        Assert.Equal(Reference, Replies(OtherSigningKey, previous: SigningKey).ReferenceOf(before));
    }
}
