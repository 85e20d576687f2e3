using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using CocReports.Testing;

namespace CocReports.IntegrationTests.Guarantees;

/// <summary>
/// A form the server renders (the plain report form, the organizer's intake page), filled in as a browser without
/// JavaScript sends it: every field the page has, read from the page itself, so a field added later is filled too.
/// </summary>
public sealed partial class ServerForm
{
    ServerForm(string action, string? enctype, List<Field> fields) => (Action, Enctype, Fields) = (action, enctype, fields);

    public string Action { get; }

    public string? Enctype { get; }

    public IReadOnlyList<Field> Fields { get; }

    /// <summary>One input of the form: a text input or textarea, one option of a choice, a file input or a hidden value.</summary>
    public sealed record Field(string Name, string Type, string Value);

    public static ServerForm Read(string html)
    {
        var form = FormTag().Match(html);
        Assert.True(form.Success, "The page has no form.");
        var attributes = Attributes(form.Value);
        var fields = Inputs().Matches(html[form.Index..])
            .Select(m => (Tag: m.Groups[1].Value, Attributes: Attributes(m.Value)))
            .Where(i => i.Attributes.ContainsKey("name"))
            .Select(i => new Field(
                i.Attributes["name"],
                i.Tag == "textarea" ? "textarea" : i.Attributes.GetValueOrDefault("type", "text"),
                WebUtility.HtmlDecode(i.Attributes.GetValueOrDefault("value", ""))))
            .ToList();
        return new(WebUtility.HtmlDecode(attributes["action"]), attributes.GetValueOrDefault("enctype"), fields);
    }

    /// <summary>
    /// The form filled in for <paramref name="spec"/>: its marker in every text, its identity in the contact fields, the
    /// anonymous choice where the reporter asks for it, the members it keeps out ticked and every other box ticked, the
    /// first option of every other choice, and a file carrying the marker.
    /// </summary>
    public HttpContent Fill(ReportSpec spec)
    {
        var values = new List<(string Name, string Value)>();
        var members = LocalHostFixture.Members.Select(m => m.Id).ToHashSet();
        foreach (var group in Fields.Where(f => f.Type != "file").GroupBy(f => f.Name))
        {
            var first = group.First();
            switch (first.Type)
            {
                case "hidden":
                    values.Add((group.Key, first.Value));
                    break;
                case "radio":
                    var anonymous = group.FirstOrDefault(o => o.Value == "anonymous");
                    values.Add((group.Key, anonymous is not null && spec.Anonymous ? "anonymous" : group.First(o => o.Value != "anonymous").Value));
                    break;
                case "checkbox":
                    values.AddRange(group.Where(o => !members.Contains(o.Value) || o.Value == spec.KeepOut).Select(o => (group.Key, o.Value)));
                    break;
                default:
                    values.Add((group.Key, Typed(spec, group.Key, first.Type)));
                    break;
            }
        }

        if (Enctype != "multipart/form-data")
        {
            Assert.DoesNotContain(Fields, f => f.Type == "file");
            return new FormUrlEncodedContent(values.Select(v => KeyValuePair.Create(v.Name, v.Value)));
        }

        var content = new MultipartFormDataContent();
        foreach (var (name, value) in values)
        {
            content.Add(new StringContent(value, Encoding.UTF8), name);
        }

        foreach (var file in Fields.Where(f => f.Type == "file"))
        {
            var bytes = new ByteArrayContent(Encoding.UTF8.GetBytes($"Chat log {spec.Marker}"));
            bytes.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
            content.Add(bytes, file.Name, $"{spec.Marker}.txt");
        }

        return content;
    }

    /// <summary>What a reporter types into a text field: who they are in the contact fields, a link where a link goes, the marker everywhere.</summary>
    public static string Typed(ReportSpec spec, string name, string type = "text") => name switch
    {
        "contactEmail" => spec.ReporterAddress,
        "contactName" => spec.ReporterName,
        _ when type == "url" || name.EndsWith("Link", StringComparison.Ordinal) => $"https://chat.example.org/{spec.Marker}",
        _ => $"{name} {spec.Marker}",
    };

    static Dictionary<string, string> Attributes(string tag) =>
        Attribute().Matches(tag).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

    [GeneratedRegex("<form\\b[^>]*>")]
    private static partial Regex FormTag();

    [GeneratedRegex("<(input|textarea)\\b[^>]*>")]
    private static partial Regex Inputs();

    [GeneratedRegex("([a-z-]+)=\"([^\"]*)\"")]
    private static partial Regex Attribute();
}
