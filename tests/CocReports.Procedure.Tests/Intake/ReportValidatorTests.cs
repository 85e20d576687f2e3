using CocReports.Procedure.Intake;
using CocReports.Procedure.Reports;
using static CocReports.Procedure.Tests.Samples;

namespace CocReports.Procedure.Tests.Intake;

public class ReportValidatorTests
{
    static ValidationResult Validate(params (string Field, string Value)[] fields) =>
        Validate(new IntakeOptions(), fields);

    static ValidationResult Validate(IntakeOptions limits, params (string Field, string Value)[] fields) =>
        new ReportValidator(limits, ThreeMembers()).Validate(Form(fields));

    static ReportDetails Valid(params (string Field, string Value)[] fields)
    {
        var result = Validate([(ReportFields.Description, "Someone shouted at me."), .. fields]);
        Assert.True(result.IsValid, string.Join("; ", result.Errors.Keys));
        return result.Details!;
    }

    [Fact]
    public void Description_alone_is_a_valid_report()
    {
        var result = Validate((ReportFields.Description, "  Someone shouted at me.  "));

        Assert.True(result.IsValid);
        Assert.Empty(result.Errors);
        Assert.Equal("Someone shouted at me.", result.Details!.Description);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n\t")]
    public void Report_without_a_description_is_refused_naming_the_description(string? description)
    {
        var fields = description is null
            ? new[] { (ReportFields.Location, "Hall B") }
            : [(ReportFields.Description, description)];

        var result = Validate(fields);

        Assert.False(result.IsValid);
        Assert.Null(result.Details);
        Assert.Equal([ReportFields.Description], result.Errors.Keys);
    }

    [Fact]
    public void A_German_form_is_told_what_to_correct_in_German_and_an_unknown_language_in_English()
    {
        var german = Validate(new IntakeOptions { MaxTextLength = 10_000 }, (ReportFields.Language, "de-CH"), (ReportFields.ContactEmail, "nicht-eine-adresse"), (ReportFields.Setting, "space"), (ReportFields.Location, new string('x', 10_001)));

        Assert.Equal(["Bitte beschreiben Sie, was passiert ist. Ein paar Worte genügen für den Anfang."], german.Errors[ReportFields.Description]);
        Assert.StartsWith("Das sieht nicht wie eine E-Mail-Adresse aus.", german.Errors[ReportFields.ContactEmail][0], StringComparison.Ordinal);
        Assert.StartsWith("Bitte wählen Sie eines von: unspecified, ", german.Errors[ReportFields.Setting][0], StringComparison.Ordinal);

        // German groups digits with a dot: "10,000" would read as ten.
        Assert.Equal(["Bitte bleiben Sie unter 10.000 Zeichen."], german.Errors[ReportFields.Location]);

        var other = Validate(new IntakeOptions { MaxTextLength = 10_000 }, (ReportFields.Language, "fr"), (ReportFields.Location, new string('x', 10_001)));
        Assert.Equal(["Please keep this under 10,000 characters."], other.Errors[ReportFields.Location]);
        Assert.Equal(["Please describe what happened. A few words are enough to start."], other.Errors[ReportFields.Description]);
    }

    [Fact]
    public void Every_text_field_over_the_limit_is_named_in_the_errors()
    {
        var limits = new IntakeOptions { MaxTextLength = 11 };
        var tooLong = ReportFields.Text.Select(field => (field, field switch
        {
            // Twelve characters each, otherwise well-formed, so only the length is wrong.
            ReportFields.ContactEmail => "abc@de.fghij",
            ReportFields.ConversationLink => "https://x.yz",
            _ => new string('x', 12),
        })).ToArray();

        var result = Validate(limits, [.. tooLong, (ReportFields.Setting, "online")]);

        Assert.False(result.IsValid);
        Assert.Equal(ReportFields.Text.Order(StringComparer.Ordinal), result.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("11", result.Errors[ReportFields.Description][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Text_exactly_at_the_limit_is_accepted()
    {
        var limits = new IntakeOptions { MaxTextLength = 12 };

        var result = Validate(limits, (ReportFields.Description, new string('x', 12)), (ReportFields.Location, new string('y', 12)));

        Assert.True(result.IsValid);
        Assert.Equal(new string('y', 12), result.Details!.Location);
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("someone@")]
    [InlineData("@example.org")]
    [InlineData("someone@example")]
    [InlineData("some one@example.org")]
    [InlineData("someone@.org")]
    [InlineData("a@example.org,b@evil.example")]
    [InlineData("a@example.org;b@evil.example")]
    [InlineData("Sam <sam@example.org>")]
    [InlineData("list: a@example.org, b@example.org;")]
    [InlineData("@route.example:sam@example.org")]
    [InlineData("sam@example.org\r\nBcc: x@evil.example")]
    public void Malformed_email_is_named_in_the_errors(string email)
    {
        var result = Validate((ReportFields.Description, "It happened."), (ReportFields.ContactEmail, email));

        Assert.Equal([ReportFields.ContactEmail], result.Errors.Keys);
    }

    [Fact]
    public void Well_formed_email_and_name_are_kept()
    {
        var details = Valid((ReportFields.ContactName, "Sam"), (ReportFields.ContactEmail, "sam@example.org"));

        Assert.Equal("Sam", details.ContactName);
        Assert.Equal("sam@example.org", details.ContactEmail);
        Assert.False(details.IsAnonymous);
    }

    [Fact]
    public void Anonymous_choice_drops_contact_name_and_email_even_when_sent()
    {
        var details = Valid(
            (ReportFields.ContactChoice, "anonymous"),
            (ReportFields.ContactName, "Sam"),
            (ReportFields.ContactEmail, "sam@example.org"));

        Assert.Null(details.ContactName);
        Assert.Null(details.ContactEmail);
        Assert.True(details.IsAnonymous);
    }

    [Fact]
    public void Anonymous_choice_does_not_complain_about_an_email_it_drops()
    {
        var details = Valid((ReportFields.ContactChoice, "anonymous"), (ReportFields.ContactEmail, "not-an-email"));

        Assert.Null(details.ContactEmail);
    }

    [Theory]
    [InlineData("yes", Ongoing.Yes)]
    [InlineData("YES", Ongoing.Yes)]
    [InlineData("No", Ongoing.No)]
    [InlineData("unsure", Ongoing.Unsure)]
    public void Ongoing_accepts_its_names_in_any_case(string raw, Ongoing expected)
    {
        Assert.Equal(expected, Valid((ReportFields.IsOngoing, raw)).IsOngoing);
    }

    [Theory]
    [InlineData("physical", IncidentSetting.Physical)]
    [InlineData("ONLINE", IncidentSetting.Online)]
    [InlineData("Other", IncidentSetting.Other)]
    public void Setting_accepts_its_names_in_any_case(string raw, IncidentSetting expected)
    {
        Assert.Equal(expected, Valid((ReportFields.Setting, raw)).Setting);
    }

    [Fact]
    public void Ongoing_and_setting_default_when_not_sent()
    {
        var details = Valid();

        Assert.Equal(Ongoing.Unsure, details.IsOngoing);
        Assert.Equal(IncidentSetting.Unspecified, details.Setting);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData("maybe")]
    [InlineData("yes,no")]
    [InlineData("unsure,yes")]
    public void Ongoing_rejects_anything_but_its_names(string raw)
    {
        var result = Validate((ReportFields.Description, "It happened."), (ReportFields.IsOngoing, raw));

        Assert.Equal([ReportFields.IsOngoing], result.Errors.Keys);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("2")]
    [InlineData("3")]
    [InlineData("conference")]
    [InlineData("physical,online")]
    public void Setting_rejects_anything_but_its_names(string raw)
    {
        var result = Validate((ReportFields.Description, "It happened."), (ReportFields.Setting, raw));

        Assert.Equal([ReportFields.Setting], result.Errors.Keys);
    }

    [Theory]
    [InlineData("https://chat.example.org/room/42")]
    [InlineData("http://forum.example.org/t/1")]
    public void Web_conversation_link_is_kept_for_an_online_incident(string link)
    {
        var details = Valid((ReportFields.Setting, "online"), (ReportFields.ConversationLink, link));

        Assert.Equal(link, details.ConversationLink);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("ftp://files.example.org/log.txt")]
    [InlineData("file:///etc/passwd")]
    [InlineData("/relative/path")]
    [InlineData("chat.example.org/room/42")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    public void Conversation_link_must_be_an_absolute_web_address(string link)
    {
        var result = Validate((ReportFields.Description, "It happened."), (ReportFields.Setting, "online"), (ReportFields.ConversationLink, link));

        Assert.Equal([ReportFields.ConversationLink], result.Errors.Keys);
    }

    [Fact]
    public void Online_specifics_are_kept_only_for_an_online_incident()
    {
        (string, string)[] specifics =
        [
            (ReportFields.EventName, "RustConf, hallway"),
            (ReportFields.OnlineSpace, "Discord #general"),
            (ReportFields.ConversationLink, "https://chat.example.org/room/42"),
        ];

        var online = Valid([(ReportFields.Setting, "online"), .. specifics]);
        var physical = Valid([(ReportFields.Setting, "physical"), .. specifics]);
        var other = Valid([(ReportFields.Setting, "other"), .. specifics]);
        var unspecified = Valid(specifics);

        Assert.Equal(("Discord #general", "https://chat.example.org/room/42", (string?)null), (online.OnlineSpace, online.ConversationLink, online.EventName));
        Assert.Equal(((string?)null, (string?)null, "RustConf, hallway"), (physical.OnlineSpace, physical.ConversationLink, physical.EventName));
        foreach (var details in new[] { other, unspecified })
        {
            Assert.Null(details.EventName);
            Assert.Null(details.OnlineSpace);
            Assert.Null(details.ConversationLink);
        }
    }

    [Fact]
    public void Unknown_excluded_member_is_rejected()
    {
        var result = Validate((ReportFields.Description, "It happened."), (ReportFields.ExcludedMembers, "ada"), (ReportFields.ExcludedMembers, "mallory"));

        Assert.Equal([ReportFields.ExcludedMembers], result.Errors.Keys);
    }

    [Fact]
    public void Known_excluded_members_are_kept_once_each_in_order()
    {
        var details = Valid(
            (ReportFields.ExcludedMembers, "grace"),
            (ReportFields.ExcludedMembers, "ada"),
            (ReportFields.ExcludedMembers, "grace"),
            (ReportFields.ExcludedMembers, ""));

        Assert.Equal(["grace", "ada"], details.ExcludedMembers);
    }

    [Fact]
    public void Excluded_member_ids_are_matched_exactly()
    {
        var result = Validate((ReportFields.Description, "It happened."), (ReportFields.ExcludedMembers, "ADA"));

        Assert.Equal([ReportFields.ExcludedMembers], result.Errors.Keys);
    }

    [Fact]
    public void Every_wrong_field_is_named_at_once()
    {
        var result = Validate(
            (ReportFields.ContactEmail, "nope"),
            (ReportFields.IsOngoing, "1"),
            (ReportFields.Setting, "moon"),
            (ReportFields.ConversationLink, "javascript:alert(1)"),
            (ReportFields.ExcludedMembers, "mallory"));

        Assert.False(result.IsValid);
        Assert.Equal(
            new[]
            {
                ReportFields.ContactEmail, ReportFields.ConversationLink, ReportFields.Description,
                ReportFields.ExcludedMembers, ReportFields.IsOngoing, ReportFields.Setting,
            },
            result.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.All(result.Errors.Values, messages => Assert.NotEmpty(Assert.Single(messages)));
    }

    [Fact]
    public void Optional_fields_are_trimmed_and_blank_ones_are_absent()
    {
        var details = Valid(
            (ReportFields.Location, "  Hall B  "),
            (ReportFields.Circumstances, "   "),
            (ReportFields.ReportedPerson, "red badge, @handle"),
            (ReportFields.SafetyConcerns, "I fear retaliation"));

        Assert.Equal("Hall B", details.Location);
        Assert.Null(details.Circumstances);
        Assert.Equal("red badge, @handle", details.ReportedPerson);
        Assert.Equal("I fear retaliation", details.SafetyConcerns);
    }

    [Theory]
    [InlineData("yes", null, true)]
    [InlineData(null, "true", true)]
    [InlineData(null, "on", true)]
    [InlineData("yes", "on", true)]
    [InlineData("no", null, false)]
    [InlineData("unsure", null, false)]
    [InlineData(null, null, false)]
    [InlineData("no", "false", false)]
    public void Report_is_urgent_when_ongoing_or_the_reporter_feels_unsafe(string? ongoing, string? feelsUnsafe, bool urgent)
    {
        var fields = new List<(string, string)>();
        if (ongoing is not null)
        {
            fields.Add((ReportFields.IsOngoing, ongoing));
        }

        if (feelsUnsafe is not null)
        {
            fields.Add((ReportFields.FeelsUnsafe, feelsUnsafe));
        }

        Assert.Equal(urgent, Valid([.. fields]).IsUrgent);
    }
}
