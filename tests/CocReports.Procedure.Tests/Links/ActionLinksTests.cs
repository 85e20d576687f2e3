using System.Web;
using CocReports.Procedure.Links;
using static CocReports.Procedure.Tests.Samples;

namespace CocReports.Procedure.Tests.Links;

public class ActionLinksTests
{
    const string Reference = "COC-AB12-CD34";
    const string Base64UrlAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    static string TokenOf(Uri link) => HttpUtility.ParseQueryString(link.Query)["token"]!;

    [Theory]
    [InlineData(CaseAction.Acknowledge)]
    [InlineData(CaseAction.Recuse)]
    public void Created_link_checks_valid_for_its_report_and_action_and_names_the_member(CaseAction action)
    {
        var links = SignedLinks(Clock());

        var check = links.Check(TokenOf(links.Create(Reference, "grace", action)), Reference, action);

        Assert.Equal(LinkStatus.Valid, check.Status);
        Assert.Equal("grace", check.MemberId);
        Assert.False(string.IsNullOrEmpty(check.LinkId));
    }

    [Fact]
    public void Each_link_has_its_own_id()
    {
        var links = SignedLinks(Clock());

        var first = links.Check(TokenOf(links.Create(Reference, "grace", CaseAction.Acknowledge)), Reference, CaseAction.Acknowledge);
        var second = links.Check(TokenOf(links.Create(Reference, "grace", CaseAction.Acknowledge)), Reference, CaseAction.Acknowledge);

        Assert.NotEqual(first.LinkId, second.LinkId);
    }

    [Theory]
    [InlineData(CaseAction.Acknowledge, "https://coc.example.org/api/reports/COC-AB12-CD34/acknowledge")]
    [InlineData(CaseAction.Recuse, "https://coc.example.org/api/reports/COC-AB12-CD34/recuse")]
    public void Link_path_names_the_report_and_the_action(CaseAction action, string expected)
    {
        var link = SignedLinks(Clock()).Create(Reference, "grace", action);

        Assert.Equal(expected, link.GetLeftPart(UriPartial.Path));
        Assert.Equal(ActionLinks.PathOf(action), link.Segments[^1]);
    }

    [Fact]
    public void Changing_any_character_of_the_payload_or_signature_makes_the_link_tampered()
    {
        var links = SignedLinks(Clock());
        var token = TokenOf(links.Create(Reference, "grace", CaseAction.Acknowledge));
        Assert.Equal(3, token.Split('.').Length); // key id, payload, signature

        var accepted = new List<string>();
        for (var i = 0; i < token.Length; i++)
        {
            if (token[i] == '.')
            {
                continue;
            }

            foreach (var replacement in Base64UrlAlphabet.Where(c => c != token[i]))
            {
                var changed = string.Concat(token.AsSpan(0, i), replacement.ToString(), token.AsSpan(i + 1));
                if (links.Check(changed, Reference, CaseAction.Acknowledge).Status != LinkStatus.Tampered)
                {
                    accepted.Add($"position {i} of {token.Length}: '{token[i]}' -> '{replacement}'");
                }
            }
        }

        Assert.True(accepted.Count == 0, $"{accepted.Count} altered tokens were accepted, e.g. {string.Join(", ", accepted.Take(5))}");
    }

    [Fact]
    public void Link_for_one_report_is_tampered_for_another()
    {
        var links = SignedLinks(Clock());
        var token = TokenOf(links.Create(Reference, "grace", CaseAction.Acknowledge));

        Assert.Equal(LinkCheck.Tampered, links.Check(token, "COC-ZZ99-YY88", CaseAction.Acknowledge));
    }

    [Fact]
    public void Link_for_one_action_is_tampered_for_another()
    {
        var links = SignedLinks(Clock());
        var recuse = TokenOf(links.Create(Reference, "grace", CaseAction.Recuse));
        var acknowledge = TokenOf(links.Create(Reference, "grace", CaseAction.Acknowledge));

        Assert.Equal(LinkCheck.Tampered, links.Check(recuse, Reference, CaseAction.Acknowledge));
        Assert.Equal(LinkCheck.Tampered, links.Check(acknowledge, Reference, CaseAction.Recuse));
    }

    [Fact]
    public void Link_signed_with_another_key_is_tampered()
    {
        var clock = Clock();
        var forged = TokenOf(SignedLinks(clock, OtherSigningKey).Create(Reference, "grace", CaseAction.Acknowledge));

        Assert.Equal(LinkCheck.Tampered, SignedLinks(clock).Check(forged, Reference, CaseAction.Acknowledge));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("garbage")]
    [InlineData("a.b.c")]
    [InlineData("!!!!.????")]
    [InlineData("Q09DLUFCMTItQ0QzNHxncmFjZXxBY2tub3dsZWRnZXw5OTk5OTk5OTk5fDAw.")]
    public void Empty_or_garbage_token_is_tampered(string? token)
    {
        Assert.Equal(LinkCheck.Tampered, SignedLinks(Clock()).Check(token, Reference, CaseAction.Acknowledge));
    }

    [Fact]
    public void Link_is_valid_until_its_lifetime_passes_then_expired()
    {
        var clock = Clock();
        var links = SignedLinks(clock);
        var token = TokenOf(links.Create(Reference, "grace", CaseAction.Acknowledge));

        clock.Advance(TimeSpan.FromDays(14) - TimeSpan.FromSeconds(1));
        Assert.Equal(LinkStatus.Valid, links.Check(token, Reference, CaseAction.Acknowledge).Status);

        // The promised lifetime is whole: the link still works in its last second.
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(LinkStatus.Valid, links.Check(token, Reference, CaseAction.Acknowledge).Status);

        clock.Advance(TimeSpan.FromSeconds(1));
        var expired = links.Check(token, Reference, CaseAction.Acknowledge);
        Assert.Equal(LinkStatus.Expired, expired.Status);
        Assert.Null(expired.MemberId);
    }

    [Fact]
    public void A_case_page_form_token_acts_like_its_link_and_expires_with_a_case_session()
    {
        var clock = Clock();
        var links = SignedLinks(clock);
        var token = links.CreateForPage(Reference, "grace", CaseAction.FollowUp);

        var check = links.Check(token, Reference, CaseAction.FollowUp);
        Assert.Equal((LinkStatus.Valid, "grace"), (check.Status, check.MemberId));
        Assert.Equal(LinkStatus.Tampered, links.Check(token, Reference, CaseAction.Resolve).Status);

        clock.Advance(LinkOptions().SessionLifetime + TimeSpan.FromSeconds(1));
        Assert.Equal(LinkStatus.Expired, links.Check(token, Reference, CaseAction.FollowUp).Status);
    }

    [Fact]
    public void Expired_link_signed_with_another_key_is_tampered_not_expired()
    {
        var clock = Clock();
        var forged = TokenOf(SignedLinks(clock, OtherSigningKey).Create(Reference, "grace", CaseAction.Acknowledge));
        clock.Advance(TimeSpan.FromDays(30));

        Assert.Equal(LinkCheck.Tampered, SignedLinks(clock).Check(forged, Reference, CaseAction.Acknowledge));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(31)]
    public void Signing_key_shorter_than_32_bytes_is_refused_at_construction(int length)
    {
        var key = Convert.ToBase64String(new byte[length]);

        Assert.Throws<InvalidOperationException>(() => new ActionLinks(LinkOptions(key), Clock()));
    }

    [Fact]
    public void Signing_key_of_32_bytes_is_accepted()
    {
        var links = new ActionLinks(LinkOptions(Convert.ToBase64String(new byte[32])), Clock());

        Assert.NotNull(links.Create(Reference, "grace", CaseAction.Acknowledge));
    }

    /// <summary>Every purpose <see cref="KeyPurpose"/> names, as its static fields.</summary>
    static readonly IReadOnlyList<KeyPurpose> Purposes =
        [.. typeof(KeyPurpose).GetFields().Where(f => f.IsStatic && f.FieldType == typeof(KeyPurpose)).Select(f => (KeyPurpose)f.GetValue(null)!)];

    [Fact]
    public void Every_key_purpose_has_a_name_of_its_own()
    {
        Assert.True(Purposes.Count >= 14, $"{Purposes.Count} purposes found");
        Assert.Equal(Purposes.Count, Purposes.Select(p => p.Name).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Derived_keys_differ_by_purpose_and_from_the_signing_key()
    {
        var links = SignedLinks(Clock());
        var signingKey = Convert.FromBase64String(Samples.SigningKey);

        var idempotency = links.DeriveRecordKey(KeyPurpose.Idempotency);
        var patterns = links.DeriveRecordKey(KeyPurpose.Patterns);

        Assert.Equal(idempotency, links.DeriveRecordKey(KeyPurpose.Idempotency));
        Assert.NotEqual(idempotency, patterns);
        Assert.NotEqual(signingKey, idempotency);
        Assert.NotEqual(signingKey, patterns);
        Assert.NotEqual(idempotency, SignedLinks(Clock(), OtherSigningKey).DeriveRecordKey(KeyPurpose.Idempotency));
        Assert.Equal(32, idempotency.Length);
    }

    // The sub-keys the signing key gave these purposes before Links:RecordKey existed: a deployment that has not set
    // it still finds, and matches on, everything it recorded.
    [Theory]
    [InlineData("patterns", "13877a09d8f16c1a97582077c305488fd2897cfac33feacf5cd96e0e0681e914")]
    [InlineData("idempotency", "5c31a8eb95ef7b92802d7d71f4258b358cd1e8bd44f909044a050ea37eb598a2")]
    [InlineData("mail-sender", "6187cb49056cbfc16bfd6ffe055c376b09eec8373f8188d8607fb241e6d43e67")]
    [InlineData("client-address", "df29fa9d609521d5c5c129bfea24f7b1a79dd5c3d6aaf5b0d46fb19dcf9712d7")]
    public void Without_a_record_key_records_are_keyed_by_the_signing_key_as_before(string purpose, string subKey)
    {
        Assert.Equal(subKey, Convert.ToHexStringLower(SignedLinks(Clock()).DeriveRecordKey(Purposes.Single(p => p.Name == purpose))));
    }

    [Fact]
    public void With_a_record_key_records_are_keyed_by_it_whatever_the_signing_key()
    {
        var options = LinkOptions();
        options.RecordKey = RecordKey;
        var rotated = Rotated();
        rotated.RecordKey = RecordKey;

        var before = new ActionLinks(options, Clock()).DeriveRecordKey(KeyPurpose.Patterns);

        Assert.Equal(before, new ActionLinks(rotated, Clock()).DeriveRecordKey(KeyPurpose.Patterns));
        Assert.NotEqual(SignedLinks(Clock()).DeriveRecordKey(KeyPurpose.Patterns), before);
    }

    [Fact]
    public void A_record_key_that_is_not_a_32_byte_base64_key_is_refused_at_construction()
    {
        var options = LinkOptions();
        options.RecordKey = Convert.ToBase64String(new byte[16]);

        Assert.Throws<InvalidOperationException>(() => new ActionLinks(options, Clock()));
        options.RecordKey = "not base64!";
        Assert.Throws<InvalidOperationException>(() => new ActionLinks(options, Clock()));
    }

    [Fact]
    public void A_link_signed_with_the_previous_key_still_checks_valid_after_a_rotation()
    {
        var clock = Clock();
        var before = TokenOf(SignedLinks(clock).Create(Reference, "grace", CaseAction.Acknowledge));

        var rotated = new ActionLinks(Rotated(), clock);

        var check = rotated.Check(before, Reference, CaseAction.Acknowledge);
        Assert.Equal(LinkStatus.Valid, check.Status);
        Assert.Equal("grace", check.MemberId);
    }

    [Fact]
    public void After_a_rotation_new_links_are_signed_with_the_new_key_only()
    {
        var clock = Clock();
        var after = TokenOf(new ActionLinks(Rotated(), clock).Create(Reference, "grace", CaseAction.Acknowledge));

        Assert.Equal(LinkStatus.Valid, SignedLinks(clock, OtherSigningKey).Check(after, Reference, CaseAction.Acknowledge).Status);
        Assert.Equal(LinkCheck.Tampered, SignedLinks(clock).Check(after, Reference, CaseAction.Acknowledge));
    }

    [Fact]
    public void Once_the_previous_key_is_removed_its_links_are_refused()
    {
        var clock = Clock();
        var before = TokenOf(SignedLinks(clock).Create(Reference, "grace", CaseAction.Acknowledge));

        Assert.Equal(LinkCheck.Tampered, SignedLinks(clock, OtherSigningKey).Check(before, Reference, CaseAction.Acknowledge));
    }

    [Fact]
    public void A_link_naming_an_unknown_key_id_is_refused_even_with_a_valid_signature()
    {
        var clock = Clock();
        var links = SignedLinks(clock);
        var token = TokenOf(links.Create(Reference, "grace", CaseAction.Acknowledge));
        var rest = token[token.IndexOf('.', StringComparison.Ordinal)..];

        Assert.Equal(LinkCheck.Tampered, links.Check("AAAAAAAA" + rest, Reference, CaseAction.Acknowledge));
        Assert.Equal(LinkCheck.Tampered, links.Check(rest[1..], Reference, CaseAction.Acknowledge));
    }

    [Fact]
    public void Every_token_names_the_key_that_signed_it()
    {
        var clock = Clock();
        var token = TokenOf(SignedLinks(clock).Create(Reference, "grace", CaseAction.Acknowledge));
        var keyId = token[..token.IndexOf('.', StringComparison.Ordinal)];

        Assert.Equal(new SigningKeys(LinkOptions()).Current.Id, keyId);
        Assert.NotEqual(new SigningKeys(LinkOptions(OtherSigningKey)).Current.Id, keyId);
        Assert.DoesNotContain(keyId, Samples.SigningKey, StringComparison.Ordinal);
    }

    [Fact]
    public void A_previous_key_that_is_not_a_32_byte_base64_key_is_refused_at_construction()
    {
        var options = LinkOptions();
        options.PreviousSigningKey = Convert.ToBase64String(new byte[16]);

        Assert.Throws<InvalidOperationException>(() => new ActionLinks(options, Clock()));
        options.PreviousSigningKey = "not base64!";
        Assert.Throws<InvalidOperationException>(() => new ActionLinks(options, Clock()));
    }

    [Fact]
    public void A_view_link_expires_after_the_view_lifetime_an_action_link_after_its_own()
    {
        var clock = Clock();
        var options = LinkOptions();
        options.ViewLifetime = TimeSpan.FromDays(3);
        var links = new ActionLinks(options, clock);
        var view = TokenOf(links.Create(Reference, "grace", CaseAction.View));
        var acknowledge = TokenOf(links.Create(Reference, "grace", CaseAction.Acknowledge));

        clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromSeconds(1));

        Assert.Equal(LinkStatus.Expired, links.Check(view, Reference, CaseAction.View).Status);
        Assert.Equal(LinkStatus.Valid, links.Check(acknowledge, Reference, CaseAction.Acknowledge).Status);
    }

    [Fact]
    public void A_link_asking_a_sender_to_confirm_expires_after_a_week_while_the_committees_links_still_work()
    {
        var clock = Clock();
        var links = new ActionLinks(LinkOptions(), clock);
        var confirm = TokenOf(links.Create(Reference, ActionLinks.Reporter, CaseAction.ConfirmSender));
        var acknowledge = TokenOf(links.Create(Reference, "grace", CaseAction.Acknowledge));

        clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        Assert.Equal(LinkStatus.Valid, links.Check(confirm, Reference, CaseAction.ConfirmSender).Status);

        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.Equal(LinkStatus.Expired, links.Check(confirm, Reference, CaseAction.ConfirmSender).Status);
        Assert.Equal(LinkStatus.Valid, links.Check(acknowledge, Reference, CaseAction.Acknowledge).Status);
    }

    [Fact]
    public void A_valid_link_says_when_it_was_issued()
    {
        var clock = Clock();
        var links = SignedLinks(clock);
        var token = TokenOf(links.Create(Reference, "grace", CaseAction.View));
        clock.Advance(TimeSpan.FromHours(5));

        Assert.Equal(Start, links.Check(token, Reference, CaseAction.View).IssuedAt);
    }

    static LinkOptions Rotated()
    {
        var options = LinkOptions(OtherSigningKey);
        options.PreviousSigningKey = Samples.SigningKey;
        return options;
    }

    [Fact]
    public void An_open_cases_link_lasts_as_long_as_a_view_link_and_opens_nothing_else()
    {
        var clock = Clock();
        var links = SignedLinks(clock);
        var token = TokenOf(links.CreateOpenCases("grace"));

        Assert.Equal("grace", links.Check(token, ActionLinks.OpenCasesScope, CaseAction.OpenCases).MemberId);
        Assert.Equal(LinkStatus.Tampered, links.Check(token, ActionLinks.TransparencyScope, CaseAction.Transparency).Status);
        Assert.Equal(LinkStatus.Tampered, links.Check(token, ActionLinks.OpenCasesScope, CaseAction.View).Status);

        clock.Advance(LinkOptions().ViewLifetime + TimeSpan.FromSeconds(1));
        Assert.Equal(LinkStatus.Expired, links.Check(token, ActionLinks.OpenCasesScope, CaseAction.OpenCases).Status);
    }
}
