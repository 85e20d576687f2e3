using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CocReports.Procedure.Transparency;

/// <summary>The transparency report as Markdown, ready to publish.</summary>
public static partial class TransparencyMarkdown
{
    public static string Render(TransparencyReport report)
    {
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# {report.Community}: Code of Conduct transparency report, {Period(report)}\n\n");
        md.Append(CultureInfo.InvariantCulture, $"Reports received: **{report.Total.Shown}**. Any count from 1 to {report.K - 1} is shown as \"fewer than {report.K}\", and small categories are merged, so that no one can be recognised.\n\n");
        Table(md, "By incident type", "Incident type", report.ByIncidentType);
        Table(md, "By outcome", "Outcome", report.ByOutcome);
        var urgent = report.UrgentAcknowledgeWithin is { } soon ? $" ({Duration(soon)} for an urgent report)" : "";
        Table(md, $"Acknowledged within {Duration(report.AcknowledgeWithin)}{urgent}", "Promise", report.Acknowledgment);
        md.Append(CultureInfo.InvariantCulture, $"Median time to acknowledge: {report.AcknowledgmentMedian}.\n\n");
        Table(md, $"Followed up within {Duration(report.FollowUpWithin)}", "Promise", report.FollowUp);
        md.Append(CultureInfo.InvariantCulture, $"Median time to follow up: {report.FollowUpMedian}.\n\n");
        if (report.Promotion.Length > 0)
        {
            md.Append("## How we promoted the Code of Conduct\n\n").Append(report.Promotion.ReplaceLineEndings("\n")).Append("\n\n");
        }

        if (report.Statements.Count > 0)
        {
            md.Append("## Public statements\n\n");
            foreach (var (published, text) in report.Statements)
            {
                md.Append(CultureInfo.InvariantCulture, $"- {published:yyyy-MM-dd}: ").Append(Inert(text.ReplaceLineEndings(" "))).Append('\n');
            }

            md.Append('\n');
        }

        md.Append("## The reports\n\n");
        if (report.Descriptions.Count == 0)
        {
            md.Append(CultureInfo.InvariantCulture, $"Descriptions are published once at least {report.K} reports of the period were received.\n");
        }
        else
        {
            md.Append(CultureInfo.InvariantCulture, $"One line for each report: \"{TransparencyReportGenerator.MadeOnly}\" stands for one still open, and for one left undescribed so that no one can be recognised.\n\n");
        }

        foreach (var description in report.Descriptions)
        {
            md.Append("- ").Append(Inert(description)).Append('\n');
        }

        return md.ToString();
    }

    public static string Period(TransparencyReport report) =>
        report.From.Month == 1 && report.From.Day == 1 && report.To == new DateOnly(report.From.Year, 12, 31)
            ? report.From.Year.ToString(CultureInfo.InvariantCulture)
            : $"{report.From:yyyy-MM-dd} to {report.To:yyyy-MM-dd}";

    /// <summary>"48 hours", "7 days": a promise as the procedure states it.</summary>
    public static string Duration(TimeSpan span) =>
        span.TotalHours % 24 == 0 && span.TotalDays > 2
            ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalDays:0} days")
            : string.Create(CultureInfo.InvariantCulture, $"{span.TotalHours:0.#} hours");

    static void Table(StringBuilder md, string heading, string column, IReadOnlyList<PublishedCount> cells)
    {
        md.Append("## ").Append(heading).Append("\n\n| ").Append(column).Append(" | Reports |\n| --- | ---: |\n");
        foreach (var cell in cells)
        {
            md.Append("| ").Append(Inert(cell.Label)).Append(" | ").Append(cell.Shown).Append(" |\n");
        }

        md.Append('\n');
    }

    /// <summary>
    /// The committee's words (a summary, a category) as Markdown that shows them as they are, never as markup, even
    /// where a site passes HTML through: "&lt;img onerror=…&gt;" or "[a link](javascript:…)" is text.
    /// </summary>
    static string Inert(string text)
    {
        var inert = new StringBuilder();
        foreach (var c in text.ReplaceLineEndings(" ").Trim())
        {
            _ = c switch
            {
                '&' => inert.Append("&amp;"),
                '<' => inert.Append("&lt;"),
                '>' => inert.Append("&gt;"),
                '\\' or '`' or '*' or '_' or '[' or ']' or '|' or '~' => inert.Append('\\').Append(c),
                _ => inert.Append(c),
            };
        }

        // At the start of a list item, "# " would make a heading, "- " or "1. " another list.
        return BlockMarker().Replace(inert.ToString(), @"$1\$2");
    }

    [GeneratedRegex(@"^(\d*)([#+-]|(?<=\d)[.)])")]
    private static partial Regex BlockMarker();
}
