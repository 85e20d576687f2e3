using CocReports.Procedure.Storage;
using CocReports.Procedure.Transparency;

namespace CocReports.Procedure.Tests.Transparency;

/// <summary>The example transparency report in docs/transparency.md is this sample year, generated: it cannot drift from what the code prints.</summary>
public sealed class TransparencyExampleTests
{
    const string Begin = "<!-- transparency-example -->";
    const string End = "<!-- /transparency-example -->";

    /// <summary>Eleven reports of 2025: four of harassment, three of insults, two of threats, one of disruption, one still open; three acknowledged late, three followed up late.</summary>
    static IEnumerable<TransparencyRecord> SampleYear()
    {
        var types = new TransparencyOptions().IncidentTypes;
        (int Month, int AckHours, int FollowDays, string? Type, Finding? Finding, string? Summary)[] year =
        [
            (1, 5, 3, types[0], Finding.Yes, "A contributor was warned after repeated personal remarks in code review."),
            (2, 20, 6, types[0], Finding.Yes, "A participant was removed from an online event for ongoing harassment."),
            (3, 50, 10, types[0], Finding.No, null),
            (4, 2, 2, types[0], Finding.Yes, "A maintainer stepped back for a month after intimidating a newcomer."),
            (5, 12, 5, types[1], Finding.Yes, "A forum member was asked to apologise for demeaning language."),
            (6, 60, 9, types[1], Finding.No, "A heated review thread was found to stay within the Code of Conduct."),
            (7, 8, 4, types[1], Finding.Yes, "Chat messages mocking a speaker were removed and their author warned."),
            (8, 1, 1, types[3], Finding.Yes, null),
            (9, 3, 2, types[3], Finding.Yes, "A threat made in a chat channel led to a permanent ban."),
            (10, 49, 8, types[4], Finding.No, "Off-topic posting in an issue tracker was handled as moderation."),
            (11, 6, 3, null, null, null),
        ];
        foreach (var (month, ackHours, followDays, type, finding, summary) in year)
        {
            var received = new DateTimeOffset(2025, month, 10, 9, 0, 0, TimeSpan.Zero);
            var resolved = finding is null ? (DateTimeOffset?)null : received.AddDays(21);
            yield return new TransparencyRecord(received, received.AddHours(ackHours), received.AddDays(followDays), resolved, type, finding, summary);
        }
    }

    static readonly DateTimeOffset Drafted = new(2026, 1, 1, 6, 0, 0, TimeSpan.Zero);

    static TransparencyReport Report() => TransparencyReportGenerator.Generate(
        SampleYear(), new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31), "Example Community",
        "The Code of Conduct is linked from every event page and read out at the start of each community call.",
        new TransparencyOptions(), TimeSpan.FromHours(48), TimeSpan.FromDays(7), Drafted);

    public static string Example() => TransparencyMarkdown.Render(Report());

    /// <summary>Its report once told the one open report: 11 received, 10 descriptions, and the merged cells it hid in.</summary>
    [Fact]
    public void The_sample_year_gives_no_count_from_1_to_k_minus_1() =>
        WorkedOutCounts.AssertNoneSmall(Report(), Drafted);

    [Fact]
    public void The_transparency_page_shows_the_report_generated_from_the_sample_year()
    {
        var page = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "transparency.md")).ReplaceLineEndings("\n");
        var start = page.IndexOf(Begin, StringComparison.Ordinal);
        var end = page.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"docs/transparency.md has no {Begin} block");

        var shown = page[(start + Begin.Length)..end].Trim().TrimStart('`').TrimStart("markdown".ToCharArray()).Trim().TrimEnd('`').Trim();
        Assert.Equal(Example().Trim(), shown);
    }

    static string RepositoryRoot()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "CocFunctions.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("CocFunctions.sln not found above the test output.");
        }

        return root;
    }
}
