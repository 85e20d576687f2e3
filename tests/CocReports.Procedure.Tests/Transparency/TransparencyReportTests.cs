using System.Net;
using System.Text.RegularExpressions;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Resolution;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Timeline;
using CocReports.Procedure.Transparency;
using CocReports.Procedure.Workflow;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Markdig;

namespace CocReports.Procedure.Tests.Transparency;

public sealed partial class TransparencyReportTests
{
    static readonly DateOnly From = new(2025, 1, 1), To = new(2025, 12, 31);
    static readonly DateTimeOffset Drafted = new(2026, 1, 1, 6, 0, 0, TimeSpan.Zero);
    static readonly string[] Types = new TransparencyOptions().IncidentTypes.ToArray();

    /// <summary>Or -1, for never, as often as not.</summary>
    static Gen<int> OrNever(int most) => Gen.OneOf(Gen.Constant(-1), Gen.Choose(0, most));

    // The last days of the year as often as the rest: there promises are not yet due.
    static readonly Gen<TransparencyRecord> Record =
        from day in Gen.OneOf(Gen.Choose(0, 400), Gen.Choose(370, 377))
        from ackHours in OrNever(200)
        from followDays in OrNever(12)
        from resolveDays in OrNever(60)
        from type in Gen.Elements(Types.Append(null).ToArray())
        from violation in Gen.Elements(Finding.Yes, Finding.No)
        from summary in Gen.Elements("A member was asked to change how they spoke in the chat.", null)
        let received = new DateTimeOffset(2024, 12, 20, 10, 0, 0, TimeSpan.Zero).AddDays(day)
        select new TransparencyRecord(
            received,
            ackHours < 0 ? null : received.AddHours(ackHours),
            followDays < 0 ? null : received.AddDays(followDays),
            resolveDays < 0 ? null : received.AddDays(resolveDays),
            resolveDays < 0 ? null : type,
            resolveDays < 0 ? null : violation,
            resolveDays < 0 ? null : summary);

    static readonly Arbitrary<(List<TransparencyRecord> Records, int K)> DataSets =
        (from records in Record.ListOf() from k in Gen.Choose(3, 6) select (records.ToList(), k)).ToArbitrary();

    /// <summary>Up to 20 reports: the small years, where counts near k are common.</summary>
    static readonly Arbitrary<(List<TransparencyRecord> Records, int K)> SmallDataSets =
        (from records in Record.ListOf().Resize(20) from k in Gen.Choose(3, 6) select (records.ToList(), k)).ToArbitrary();

    static TransparencyReport Generate(IEnumerable<TransparencyRecord> records, int k = 3, string promotion = "") =>
        TransparencyReportGenerator.Generate(records, From, To, "Example Community", promotion,
            new TransparencyOptions { K = k }, TimeSpan.FromHours(48), TimeSpan.FromDays(7), Drafted);

    [Property(MaxTest = 300)]
    public Property No_published_count_lies_between_1_and_k_minus_1() =>
        Prop.ForAll(DataSets, set =>
        {
            var markdown = TransparencyMarkdown.Render(Generate(set.Records, set.K));
            var cells = TableCell().Matches(markdown).Select(m => m.Groups[1].Value).Where(c => c is not ("Reports" or "---:")).ToList();
            return cells.Count > 0 && cells.All(cell => cell == $"fewer than {set.K}" || (int.TryParse(cell, out var n) && (n == 0 || n >= set.K)));
        });

    [Property(MaxTest = 200)]
    public Property No_count_worked_out_from_the_published_numbers_lies_between_1_and_k_minus_1() =>
        Prop.ForAll(SmallDataSets, set => WorkedOutCounts.AssertNoneSmall(Generate(set.Records, set.K), Drafted));

    [Property(MaxTest = 300)]
    public Property Every_table_counts_every_report_of_the_period_once() =>
        Prop.ForAll(DataSets, set =>
        {
            var report = Generate(set.Records, set.K);
            return new[] { report.ByIncidentType, report.ByOutcome, report.Acknowledgment, report.FollowUp }.All(table => table.Sum(c => c.Count) == report.Total.Count)
                && report.ByIncidentType.All(c => c.Count == 0 || c.Count >= set.K || c.Count == report.Total.Count);
        });

    [Property(MaxTest = 300)]
    public Property Every_report_of_the_period_has_one_description_once_there_are_k() =>
        Prop.ForAll(DataSets, set =>
        {
            var report = Generate(set.Records, set.K);
            return report.Descriptions.Count == (report.Total.Count >= set.K ? report.Total.Count : 0);
        });

    [Property(MaxTest = 300)]
    public Property Lines_saying_only_that_a_report_was_made_number_none_or_at_least_k() =>
        Prop.ForAll(DataSets, set =>
        {
            var madeOnly = Generate(set.Records, set.K).Descriptions.Count(d => d == TransparencyReportGenerator.MadeOnly);
            return madeOnly == 0 || madeOnly >= set.K;
        });

    [Fact]
    public void Every_category_below_k_goes_into_one_merged_row_that_does_not_say_which_had_reports()
    {
        var cells = SmallCells.Merge([("Harassment", 7), ("Threats", 1), ("Spam", 2), ("Other", 0)], 3);

        Assert.Equal([("Harassment", 7), (SmallCells.Merged, 3)], cells.Select(c => (c.Label, c.Count)));
    }

    [Fact]
    public void Merged_categories_still_below_k_take_in_the_smallest_other()
    {
        var cells = SmallCells.Merge([("Harassment", 7), ("Spam", 4), ("Threats", 1)], 3);

        Assert.Equal([("Harassment", 7), (SmallCells.Merged, 5)], cells.Select(c => (c.Label, c.Count)));
    }

    [Fact]
    public void Empty_categories_are_listed_when_nothing_is_merged()
    {
        var cells = SmallCells.Merge([("Harassment", 7), ("Threats", 0)], 3);

        Assert.Equal([("Harassment", 7), ("Threats", 0)], cells.Select(c => (c.Label, c.Count)));
    }

    [Fact]
    public void The_open_reports_are_merged_alike_in_both_tables_that_count_them()
    {
        // Five of harassment, one threat, three open: the threat alone is below k.
        var received = new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var records = Enumerable.Range(0, 9).Select(i => new TransparencyRecord(
            received.AddDays(i), received.AddDays(i).AddHours(3), received.AddDays(i + 2), i < 6 ? received.AddDays(i + 9) : null, i < 5 ? Types[0] : i < 6 ? Types[3] : null, i < 6 ? Finding.Yes : null, null));
        var report = Generate(records);

        // Merged with the open reports, the threat would be told apart from them, as "Not yet resolved" is 3 by outcome.
        Assert.Equal([(TransparencyReportGenerator.NotYetResolved, 3), (SmallCells.Merged, 6)], report.ByIncidentType.Select(c => (c.Label, c.Count)));
        WorkedOutCounts.AssertNoneSmall(report, Drafted);
    }

    [Fact]
    public void Summaries_and_categories_are_published_as_their_text_never_as_markup()
    {
        const string Summary = "<img src=x onerror=alert(1)> was posted; see [the thread](javascript:alert(1)) and **this** | `code`";
        const string Type = "Spam <script>alert(1)</script> | [more](javascript:alert(1))";
        var received = new DateTimeOffset(2025, 5, 1, 9, 0, 0, TimeSpan.Zero);
        var records = Enumerable.Range(0, 3).Select(i => new TransparencyRecord(
            received.AddDays(i), received.AddDays(i).AddHours(3), received.AddDays(i + 2), received.AddDays(i + 9), Type, Finding.Yes, i switch { 0 => Summary, 1 => "# " + Summary, _ => "1. " + Summary }));
        var report = TransparencyReportGenerator.Generate(records, From, To, "Example Community", "",
            new TransparencyOptions { IncidentTypes = [Type] }, TimeSpan.FromHours(48), TimeSpan.FromDays(7), Drafted);

        // As a community site shows it: CommonMark with GitHub's extensions, raw HTML passed through.
        var html = Markdown.ToHtml(TransparencyMarkdown.Render(report), new MarkdownPipelineBuilder().UseAdvancedExtensions().Build());

        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<a ", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<strong>this", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<code>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<ol", html, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(html, "<h1"));
        Assert.Contains($"<td>{WebUtility.HtmlEncode(Type)}</td>", html, StringComparison.Ordinal);
        Assert.Contains($"<li>{WebUtility.HtmlEncode(Summary)}</li>", html, StringComparison.Ordinal);
        Assert.Contains($"<li># {WebUtility.HtmlEncode(Summary)}</li>", html, StringComparison.Ordinal);
        Assert.Contains($"<li>1. {WebUtility.HtmlEncode(Summary)}</li>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_period_with_fewer_than_k_reports_publishes_only_that_there_were_fewer_than_k()
    {
        var received = new DateTimeOffset(2025, 5, 1, 9, 0, 0, TimeSpan.Zero);
        var markdown = TransparencyMarkdown.Render(Generate([new TransparencyRecord(received, received.AddHours(3), received.AddDays(2), received.AddDays(9), Types[0], Finding.Yes, "A warning was given.")]));

        Assert.Contains("Reports received: **fewer than 3**", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("A warning was given.", markdown, StringComparison.Ordinal);
        Assert.Contains("Median time to acknowledge: not published (fewer than 3)", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void The_public_statements_published_in_the_period_are_listed_and_appeals_are_not_counted_as_reports()
    {
        var received = new DateTimeOffset(2025, 5, 1, 9, 0, 0, TimeSpan.Zero);
        var published = new TransparencyRecord(received, received.AddHours(3), received.AddDays(2), received.AddDays(9), Types[0], Finding.Yes, "A warning was given.")
        {
            PublicStatement = "We removed a participant from the project for a year.",
            PublicStatementAt = received.AddDays(12),
        };
        var lastYear = published with { PublicStatement = "An older statement.", PublicStatementAt = received.AddYears(-1) };
        var appeal = published with { PublicStatement = null, PublicStatementAt = null, IsAppeal = true };

        var report = Generate([published, lastYear, appeal]);
        Assert.Equal([(DateOnly.FromDateTime(received.AddDays(12).UtcDateTime), "We removed a participant from the project for a year.")], report.Statements);
        Assert.Equal(2, report.Total.Count);
        Assert.Contains("- 2025-05-13: We removed a participant from the project for a year.", TransparencyMarkdown.Render(report), StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_of_the_reports_but_the_public_summaries_reaches_the_output()
    {
        var secrets = new List<string>();
        var records = new List<TransparencyRecord>();
        for (var i = 0; i < 12; i++)
        {
            var details = new ReportDetails
            {
                ContactName = $"Reporter Person{i}",
                ContactEmail = $"reporter{i}@mail.example",
                Description = $"Secret narrative number {i} about what happened",
                ReportedPerson = $"@handle{i} at https://github.com/ReportedUser{i}",
                Location = $"Room {i}07 of the venue",
                OthersInvolved = $"Witness Name{i}",
                Circumstances = $"Circumstance text {i}",
                SafetyConcerns = $"Worry text {i}",
                ConversationLink = $"https://chat.example/thread/{i}",
            };
            secrets.AddRange([details.ContactName, details.ContactEmail, details.Description, $"@handle{i}", $"ReportedUser{i}", details.Location, details.OthersInvolved, details.Circumstances, details.SafetyConcerns, details.ConversationLink]);
            var report = Samples.Report(details, $"COC-AAAA-{i:D4}") with { ReceivedAt = new DateTimeOffset(2025, 2, 1 + i, 9, 0, 0, TimeSpan.Zero) };
            secrets.Add(report.Reference);
            var resolution = new CaseMessage
            {
                Id = $"m{i}",
                Kind = CaseMessageKind.Resolution,
                At = report.ReceivedAt.AddDays(20),
                From = "ada",
                Text = $"Private message to reporter {i}",
                Actions = $"Private actions {i}",
                Violation = i % 2 == 0 ? Finding.Yes : Finding.No,
                PublicSummary = i % 3 == 0 ? null : $"Public summary {i}.",
                IncidentType = Types[i % 2],
            };
            var followUp = new CaseMessage { Id = $"f{i}", Kind = CaseMessageKind.FollowUp, At = report.ReceivedAt.AddDays(3), From = "grace", Text = $"Follow-up text {i}" };
            secrets.AddRange([resolution.Text, resolution.Actions, followUp.Text]);
            var state = new CaseState(report.ReceivedAt.AddHours(5), "ada", ["alan"], resolution.At);
            var messages = i < 6 ? Retention.Kept([followUp, resolution]) : [followUp, resolution]; // half of them past retention
            var kept = i < 6 ? Retention.Kept(report) : report;
            records.Add(TransparencyRecord.From(kept, state, messages, [new TimelineEntry(report.ReceivedAt.AddDays(3), CaseStep.FollowedUp, "grace")]));
        }

        var markdown = TransparencyMarkdown.Render(Generate(records, promotion: "We linked the Code of Conduct from every event page."));

        Assert.All(secrets, secret => Assert.DoesNotContain(secret, markdown, StringComparison.OrdinalIgnoreCase));
        Assert.All(new[] { "ada", "grace", "alan", "Ada", "Grace" }, member => Assert.DoesNotMatch($@"\b{member}\b", markdown));
        Assert.Contains("- Public summary 1.", markdown, StringComparison.Ordinal);
        Assert.Equal(4, Regex.Count(markdown, "^- A report was made\\.$", RegexOptions.Multiline));
        Assert.Contains("| Harassment or intimidation | 6 |", markdown, StringComparison.Ordinal); // kept through retention
        Assert.Contains("| Kept | 12 |", markdown, StringComparison.Ordinal);
        Assert.Contains("Median time to follow up: 72 hours.", markdown, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\| [^|]+ \| ([^|]+) \|$", RegexOptions.Multiline)]
    private static partial Regex TableCell();

    [Fact]
    public void An_urgent_report_is_measured_against_its_own_shorter_promise_also_after_retention()
    {
        var received = new DateTimeOffset(2025, 6, 2, 9, 0, 0, TimeSpan.Zero);
        var schedule = new WorkflowOptions { UrgentAcknowledgeWithin = TimeSpan.FromHours(2) };
        TransparencyRecord Acknowledged(int i, bool urgent)
        {
            var report = new Report($"COC-URGE-000{i}", received.AddDays(i), new ReportDetails { Description = "d", FeelsUnsafe = urgent }, [], "") { Schedule = schedule };
            var state = new CaseState(received.AddDays(i).AddHours(3), "ada", []);
            return TransparencyRecord.From(Retention.Kept(report), state, [], []);
        }

        // Acknowledged three hours after receipt: kept for an ordinary report, not for an urgent one.
        var report = Generate([.. Enumerable.Range(0, 3).Select(i => Acknowledged(i, urgent: true)), .. Enumerable.Range(3, 3).Select(i => Acknowledged(i, urgent: false))]);

        Assert.Equal([("Kept", 3), ("Not kept", 3)], report.Acknowledgment.Where(c => c.Count > 0).Select(c => (c.Label, c.Count)));
    }
}
