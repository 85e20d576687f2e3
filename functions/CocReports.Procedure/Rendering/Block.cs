namespace CocReports.Procedure.Rendering;

/// <summary>
/// One piece of a page or an email body, as data: <see cref="Blocks"/> writes each as HTML (encoded), and mail
/// bodies write the same pieces as plain text. Pages with a shape of their own are components instead.
/// </summary>
public abstract record Block;

public sealed record HeadingBlock(string Text, int Level = 1) : Block;

public sealed record ParagraphBlock(string Text) : Block;

/// <summary>A message the reader should notice first (an outcome, a refusal): announced to screen readers.</summary>
public sealed record NoticeBlock(string Text) : Block;

/// <summary>A labelled value; line breaks in the value are kept.</summary>
public sealed record FieldBlock(string Label, string Value) : Block;

public sealed record LinkBlock(string Label, string Href) : Block;

/// <summary>A picture served by the app itself (same origin), with its text alternative and a caption.</summary>
public sealed record ImageBlock(string Src, string Alt, string Caption) : Block;

/// <summary>Text shown exactly as written, line breaks and spacing kept (Markdown to copy, say).</summary>
public sealed record PreformattedBlock(string Text) : Block;

/// <summary>
/// A table with a header row; <paramref name="Empty"/> is shown instead when there are no rows. <paramref name="Label"/>
/// names its scrolling region for screen readers, unique on its page.
/// </summary>
public sealed record TableBlock(string Label, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<TableCell>> Rows, string Empty) : Block;

/// <summary>One cell of a <see cref="TableBlock"/>: text, and a link when <see cref="Href"/> is set.</summary>
public sealed record TableCell(string Text, string? Href = null);

/// <summary>
/// A POST form that works without JavaScript: hidden values, fields with their errors beside them, and every
/// error again in a summary at the top that links to its field. <paramref name="IdPrefix"/> keeps element ids unique
/// on a page that holds several forms.
/// </summary>
public sealed record FormBlock(
    string Action,
    string Button,
    IReadOnlyDictionary<string, string> Hidden,
    IReadOnlyList<FormField> Fields,
    IReadOnlyDictionary<string, string> Errors,
    string ErrorSummary,
    string? Enctype = null,
    string? IdPrefix = null) : Block;

public abstract record FormField(string Name);

/// <param name="Type">An input type (text, email, url, date, password), or "textarea".</param>
public sealed record TextField(string Name, string Label, string Type = "text", bool Required = false, string? Value = null, string? Hint = null) : FormField(Name);

public sealed record ChoiceField(string Name, string Legend, IReadOnlyList<(string Value, string Label)> Options, string? Selected = null) : FormField(Name);

/// <summary>Checkboxes sharing a name (one checkbox when there is one option).</summary>
public sealed record CheckField(string Name, IReadOnlyList<(string Value, string Label)> Options, IReadOnlyCollection<string> Checked, string? Legend = null) : FormField(Name);

public sealed record FileField(string Name, string Label, string Accept, string Hint) : FormField(Name);

/// <summary>Text between fields; <paramref name="Name"/> is only its place.</summary>
public sealed record NoteField(string Name, string Text) : FormField(Name);

/// <summary>A group of fields under a legend.</summary>
public sealed record FieldGroup(string Name, string Legend, IReadOnlyList<FormField> Fields, string? Intro = null) : FormField(Name);
