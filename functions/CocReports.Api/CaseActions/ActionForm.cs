using System.Net;
using System.Text;

namespace CocReports.Api.CaseActions;

/// <summary>A small server-rendered form that works without JavaScript. Every value is encoded here.</summary>
public sealed class ActionForm(string heading, string explanation, string button)
{
    readonly List<Func<IReadOnlyDictionary<string, string>, string>> fields = [];

    public string Heading => heading;

    public ActionForm Text(string name, string label, bool required = false, bool multiline = true) => Add(errors =>
        Labelled(name, label, errors) + (multiline
            ? $"<textarea id=\"{E(name)}\" name=\"{E(name)}\" rows=\"5\" cols=\"60\"{(required ? " required" : "")}></textarea></p>"
            : $"<input id=\"{E(name)}\" name=\"{E(name)}\" type=\"text\"{(required ? " required" : "")}></p>"));

    public ActionForm Date(string name, string label, bool required = false) => Add(errors =>
        Labelled(name, label, errors) + $"<input id=\"{E(name)}\" name=\"{E(name)}\" type=\"date\"{(required ? " required" : "")}></p>");

    public ActionForm Choice(string name, string legend, params (string Value, string Label)[] options) => Add(errors =>
    {
        var html = new StringBuilder($"<fieldset><legend>{E(legend)}</legend>");
        if (errors.TryGetValue(name, out var error))
        {
            html.Append($"<p class=\"error\">{E(error)}</p>");
        }

        foreach (var (value, label) in options)
        {
            var id = $"{name}-{value}";
            html.Append($"<p><input id=\"{E(id)}\" name=\"{E(name)}\" type=\"radio\" value=\"{E(value)}\"> <label for=\"{E(id)}\">{E(label)}</label></p>");
        }

        return html.Append("</fieldset>").ToString();
    });

    public ActionForm Check(string name, string label) => Add(_ =>
        $"<p><input id=\"{E(name)}\" name=\"{E(name)}\" type=\"checkbox\" value=\"true\"> <label for=\"{E(name)}\">{E(label)}</label></p>");

    public ActionForm Note(string text) => Add(_ => $"<p>{E(text)}</p>");

    /// <summary>The form's markup, posting back to <paramref name="action"/> with the link's token.</summary>
    public string Render(string action, string token, IReadOnlyDictionary<string, string>? errors = null) =>
        Render(action, new Dictionary<string, string> { ["token"] = token }, errors);

    /// <summary>The form's markup, posting <paramref name="hidden"/> values back to <paramref name="action"/>.</summary>
    public string Render(string action, IReadOnlyDictionary<string, string> hidden, IReadOnlyDictionary<string, string>? errors = null)
    {
        errors ??= new Dictionary<string, string>();
        var html = new StringBuilder($"<h1>{E(heading)}</h1><p>{E(explanation)}</p>");
        if (errors.Count > 0)
        {
            html.Append("<div role=\"alert\"><p>Nothing was changed. Please correct:</p><ul>");
            foreach (var error in errors.Values)
            {
                html.Append($"<li>{E(error)}</li>");
            }

            html.Append("</ul></div>");
        }

        html.Append($"<form method=\"post\" action=\"{E(action)}\">");
        foreach (var (name, value) in hidden)
        {
            html.Append($"<input type=\"hidden\" name=\"{E(name)}\" value=\"{E(value)}\">");
        }

        foreach (var field in fields)
        {
            html.Append(field(errors));
        }

        return html.Append($"<button type=\"submit\">{E(button)}</button></form>").ToString();
    }

    ActionForm Add(Func<IReadOnlyDictionary<string, string>, string> field)
    {
        fields.Add(field);
        return this;
    }

    static string Labelled(string name, string label, IReadOnlyDictionary<string, string> errors) =>
        $"<p><label for=\"{E(name)}\">{E(label)}</label><br>"
        + (errors.TryGetValue(name, out var error) ? $"<span class=\"error\">{E(error)}</span><br>" : "");

    static string E(string value) => WebUtility.HtmlEncode(value);
}
