using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;

namespace CocReports.Procedure.Rendering;

/// <summary>
/// The words of server pages and emails in one language, from the resource files under Rendering/Texts (one JSON
/// file per language, keys alike). A language not shipped falls back to English; a test checks that every shipped
/// language has every key.
/// </summary>
public sealed class Texts
{
    public const string Default = "en";

    /// <summary>The languages shipped complete.</summary>
    public static readonly IReadOnlyList<string> Shipped = ["en", "de"];

    static readonly FrozenDictionary<string, Texts> Loaded = Shipped.ToFrozenDictionary(l => l, l => new Texts(l, Load(l)));

    readonly FrozenDictionary<string, string> words;

    Texts(string language, FrozenDictionary<string, string> words)
    {
        Language = language;
        this.words = words;
    }

    /// <summary>The shipped language an HTML <c>lang</c> value names ("de-CH" is German), or null.</summary>
    public static string? Normalize(string? lang)
    {
        var primary = lang?.Trim().Split('-', '_')[0].ToLowerInvariant();
        return primary is not null && Loaded.ContainsKey(primary) ? primary : null;
    }

    public static Texts For(string? language) => Loaded[Normalize(language) ?? Default];

    public string Language { get; }

    public IEnumerable<string> Keys => words.Keys;

    public string this[string key] =>
        words.TryGetValue(key, out var text) ? text : throw new KeyNotFoundException($"No text \"{key}\" in language {Language}.");

    /// <summary>A text with its {0}, {1}… filled in.</summary>
    public string Format(string key, params object?[] values) => string.Format(CultureInfo.InvariantCulture, this[key], values);

    /// <summary>A duration as people say it: "72 hours", "10 days", "2 weeks"; configured test durations in seconds or minutes.</summary>
    public string Duration(TimeSpan span) => span switch
    {
        _ when span < TimeSpan.FromMinutes(2) => Count("Duration.Seconds", span.TotalSeconds),
        _ when span < TimeSpan.FromHours(2) => Count("Duration.Minutes", span.TotalMinutes),
        _ when span <= TimeSpan.FromHours(72) || span.Ticks % TimeSpan.TicksPerDay != 0 => Count("Duration.Hours", span.TotalHours),
        _ when span.Days % 7 == 0 => span.Days == 7 ? this["Duration.OneWeek"] : Count("Duration.Weeks", span.Days / 7),
        _ => Count("Duration.Days", span.TotalDays),
    };

    /// <summary>A calendar date in this language's own way (UTC).</summary>
    public string? Date(DateTimeOffset? date) =>
        date is { } d ? string.Format(CultureInfo.InvariantCulture, this["Format.Date"], d.UtcDateTime.Day, this[$"Month.{d.UtcDateTime.Month}"], d.UtcDateTime.Year, this[$"Day.{d.UtcDateTime.DayOfWeek}"]) : null;

    /// <summary>
    /// A whole number with this language's digit grouping ("20,000", "20.000"). The build runs with invariant
    /// globalization, so the separator is a text of its own rather than a culture's.
    /// </summary>
    public string Number(long n) => n.ToString("N0", CultureInfo.InvariantCulture).Replace(",", this["Format.Thousands"], StringComparison.Ordinal);

    /// <summary>A moment to the minute, UTC, written the same way in every language.</summary>
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>A moment to the second, UTC: where several steps can fall in one minute and their order matters (the audit trail).</summary>
    public static string TimeToTheSecond(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    string Count(string key, double amount) => Format(key, Math.Round(amount, MidpointRounding.AwayFromZero));

    // A language's words may be split over several files (Texts/de.json, Texts/committee.de.json…), one per area of the
    // product, so each area's words sit together; a key in two of them is a mistake, not an override.
    static FrozenDictionary<string, string> Load(string language)
    {
        var assembly = typeof(Texts).Assembly;
        var names = assembly.GetManifestResourceNames()
            .Where(n => n == $"Texts.{language}.json" || (n.StartsWith("Texts.", StringComparison.Ordinal) && n.EndsWith($".{language}.json", StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (names.Count == 0)
        {
            throw new InvalidOperationException($"The texts for {language} are not embedded.");
        }

        var words = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            foreach (var (key, text) in JsonSerializer.Deserialize<Dictionary<string, string>>(stream) ?? [])
            {
                if (!words.TryAdd(key, text))
                {
                    throw new InvalidOperationException($"The text \"{key}\" is in two files of {language}.");
                }
            }
        }

        return words.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
