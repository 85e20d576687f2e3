using CocReports.Api.Pages;
using CocReports.Procedure.Rendering;

namespace CocReports.Api.CaseActions;

/// <summary>A small server-rendered form that works without JavaScript: a heading, what acting means, its fields.</summary>
public sealed class ActionForm(string heading, string explanation, string button, string language = Texts.Default)
{
    readonly List<FormField> fields = [];

    public string Heading => heading;

    public ActionForm Text(string name, string label, bool required = false, bool multiline = true) =>
        Add(new TextField(name, label, multiline ? "textarea" : "text", required));

    public ActionForm Date(string name, string label, bool required = false) => Add(new TextField(name, label, "date", required));

    public ActionForm Choice(string name, string legend, params (string Value, string Label)[] options) => Add(new ChoiceField(name, legend, options));

    public ActionForm Check(string name, string label) => Add(new CheckField(name, [("true", label)], []));

    public ActionForm Checks(string name, string legend, params (string Value, string Label)[] options) => Add(new CheckField(name, options, [], legend));

    public ActionForm Note(string text) => Add(new NoteField("note-" + fields.Count, text));

    /// <summary>The page: heading, explanation, and the form posting back to <paramref name="action"/> with the link's token.</summary>
    public HtmlPage Page(string action, string token, IReadOnlyDictionary<string, string>? errors = null, int statusCode = 200) =>
        AppendTo(new HtmlPage(heading, statusCode, language), action, new Dictionary<string, string> { ["token"] = token }, errors);

    /// <summary>Appends heading, explanation and the form posting <paramref name="hidden"/> values back to <paramref name="action"/>.</summary>
    public HtmlPage AppendTo(HtmlPage page, string action, IReadOnlyDictionary<string, string> hidden, IReadOnlyDictionary<string, string>? errors = null, string? errorSummary = null) =>
        page.Heading(heading).Paragraph(explanation)
            .Form(new FormBlock(action, button, hidden, fields, errors ?? new Dictionary<string, string>(), errorSummary ?? Texts.For(language)["Action.Correct"]));

    /// <summary>
    /// The form as one section of a page holding several (the case page): a subheading, and element ids prefixed with
    /// <paramref name="idPrefix"/> so they stay unique on the page. It posts the same token the link would carry.
    /// </summary>
    public HtmlPage AppendSectionTo(HtmlPage page, string action, string token, string idPrefix) =>
        page.Subheading(heading).Paragraph(explanation)
            .Form(new FormBlock(action, button, new Dictionary<string, string> { ["token"] = token }, fields, new Dictionary<string, string>(), "", IdPrefix: idPrefix));

    ActionForm Add(FormField field)
    {
        fields.Add(field);
        return this;
    }
}
