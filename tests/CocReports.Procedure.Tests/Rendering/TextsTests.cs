using CocReports.Procedure.Committee;
using CocReports.Procedure.Rendering;

namespace CocReports.Procedure.Tests.Rendering;

public class TextsTests
{
    public static TheoryData<string> Languages() => [.. Texts.Shipped];

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_shipped_language_has_every_key_and_no_other(string language)
    {
        var english = Texts.For(Texts.Default).Keys.ToHashSet(StringComparer.Ordinal);
        var translated = Texts.For(language).Keys.ToHashSet(StringComparer.Ordinal);

        Assert.Empty(english.Except(translated, StringComparer.Ordinal));
        Assert.Empty(translated.Except(english, StringComparer.Ordinal));
        Assert.All(translated, key => Assert.False(string.IsNullOrWhiteSpace(Texts.For(language)[key]), key));
    }

    [Theory]
    [InlineData(72 * 60 * 60, "72 hours")]
    [InlineData(48 * 60 * 60, "48 hours")]
    [InlineData(10 * 24 * 60 * 60, "10 days")]
    [InlineData(7 * 24 * 60 * 60, "one week")]
    [InlineData(14 * 24 * 60 * 60, "2 weeks")]
    [InlineData(30, "30 seconds")]
    [InlineData(5 * 60, "5 minutes")]
    [InlineData(36 * 60 * 60, "36 hours")]
    public void Durations_read_as_people_say_them(int seconds, string expected) =>
        Assert.Equal(expected, Texts.For("en").Duration(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData("de", "de")]
    [InlineData("de-CH", "de")]
    [InlineData("EN", "en")]
    [InlineData("fr", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void A_form_language_names_a_shipped_language_or_none(string? lang, string? expected) =>
        Assert.Equal(expected, Texts.Normalize(lang));

    [Fact]
    public void Dates_are_written_in_the_readers_language()
    {
        var date = new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal("Monday 2 March 2026", Texts.For("en").Date(date));
        Assert.Equal("Montag, 2. März 2026", Texts.For("de").Date(date));
    }

    [Fact]
    public void A_member_reads_the_committees_pages_in_their_own_language_or_the_committees()
    {
        var committee = new CommitteeOptions
        {
            Language = "de",
            Members = [new() { Id = "alex" }, new() { Id = "sam", Language = "en" }, new() { Id = "kim", Language = "fr" }],
        };

        Assert.Equal("de", committee.TextsFor("alex").Language);
        Assert.Equal("en", committee.TextsFor("sam").Language);
        Assert.Equal("en", committee.TextsFor("kim").Language);
        Assert.Equal("de", committee.TextsFor("a-former-member").Language);
        Assert.Equal("de", committee.TextsFor(null).Language);
    }
}
