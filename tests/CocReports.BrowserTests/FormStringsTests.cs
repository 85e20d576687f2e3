using System.Text;
using System.Text.RegularExpressions;
using CocReports.Procedure.Rendering;

namespace CocReports.BrowserTests;

/// <summary>
/// The form's strings files against strings/en.js: a translation that drops a key shows that text in English, and one
/// that renames a {placeholder} shows the braces instead of the number or name.
/// </summary>
public sealed partial class FormStringsTests
{
    static readonly string StringsDirectory = Path.Combine(BrowserFixture.RepositoryRoot, "static-form", "strings");

    /// <summary>Every strings file there is, and one for each language the server's pages and mails are written in.</summary>
    public static TheoryData<string> Languages() =>
    [
        .. Directory.EnumerateFiles(StringsDirectory, "*.js").Select(Path.GetFileNameWithoutExtension).OfType<string>()
            .Union(Texts.Shipped, StringComparer.Ordinal).Order(StringComparer.Ordinal),
    ];

    [Theory]
    [MemberData(nameof(Languages))]
    public void Each_strings_file_and_each_server_language_has_every_english_key_in_order_with_the_same_placeholders(string language)
    {
        var path = Path.Combine(StringsDirectory, language + ".js");
        Assert.True(File.Exists(path), $"static-form/strings/{language}.js is missing: a page in that language would show the embedded form in English.");
        var english = Parse(Path.Combine(StringsDirectory, "en.js"));
        var translated = Parse(path);

        Assert.Equal(language, translated.Language);
        Assert.Equal(english.Values.Select(v => v.Key), translated.Values.Select(v => v.Key));
        Assert.Contains(translated.Values.Single(v => v.Key == "dir").Value, new[] { "ltr", "rtl" });
        foreach (var ((key, englishValue), (_, value)) in english.Values.Zip(translated.Values))
        {
            Assert.False(string.IsNullOrWhiteSpace(value), key);
            Assert.True(
                Placeholders(englishValue).SetEquals(Placeholders(value)),
                $"{key}: en.js has [{string.Join(' ', Placeholders(englishValue))}], {language}.js has [{string.Join(' ', Placeholders(value))}]");
        }
    }

    static (string Language, IReadOnlyList<KeyValuePair<string, string>> Values) Parse(string path)
    {
        // Strict UTF-8: a file saved in another encoding would show broken letters.
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(File.ReadAllBytes(path));
        var language = LanguagePattern().Match(text);
        Assert.True(language.Success, $"{path} does not assign to CocReportStrings.<lang>");
        var values = ValuePattern().Matches(text).Select(m => KeyValuePair.Create(m.Groups["key"].Value, m.Groups["value"].Value)).ToList();
        return (language.Groups["tag"].Value, values);
    }

    static HashSet<string> Placeholders(string value) =>
        PlaceholderPattern().Matches(value).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);

    // `(globalThis.CocReportStrings = ...).de = {`, or `['pt-BR'] = {` for a tag that isn't a JavaScript name.
    [GeneratedRegex(@"\)(?:\.(?<tag>\w+)|\['(?<tag>[\w-]+)'\])\s*=\s*\{")]
    private static partial Regex LanguagePattern();

    // One `key: 'value',` a line, as en.js writes them; a value may contain escapes such as \' and \u2019.
    [GeneratedRegex(@"^\s*(?<key>\w+):\s*'(?<value>(?:[^'\\\r\n]|\\.)*)',?\s*$", RegexOptions.Multiline)]
    private static partial Regex ValuePattern();

    [GeneratedRegex(@"\{\w+\}")]
    private static partial Regex PlaceholderPattern();
}
