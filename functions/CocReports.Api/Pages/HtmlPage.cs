using CocReports.Procedure.Rendering;
using Microsoft.AspNetCore.Http;

namespace CocReports.Api.Pages;

/// <summary>
/// A server page, the one way to write one: blocks (headings, paragraphs, fields, links, tables, forms) rendered by
/// <see cref="Blocks"/> inside the one layout, <see cref="PageShell"/>, every value encoded by Razor, and sent with the
/// one set of page headers (<see cref="SecurityHeaders"/>).
/// </summary>
public sealed class HtmlPage(string title, int statusCode = StatusCodes.Status200OK, string language = Texts.Default) : IResult
{
    readonly List<Block> blocks = [];
    string? refreshTo;
    bool runsPasskeys;

    /// <summary>Sends the browser on to <paramref name="path"/> (same site) as soon as the page loads.</summary>
    public HtmlPage Refresh(string path)
    {
        refreshTo = path;
        return this;
    }

    /// <summary>A form on the page runs a passkey ceremony: the page brings the script that runs it.</summary>
    public HtmlPage RunsPasskeys()
    {
        runsPasskeys = true;
        return this;
    }

    public HtmlPage Heading(string text) => Add(new HeadingBlock(text));

    public HtmlPage Subheading(string text) => Add(new HeadingBlock(text, 2));

    public HtmlPage Paragraph(string text) => Add(new ParagraphBlock(text));

    /// <summary>An outcome or a refusal the reader should notice first.</summary>
    public HtmlPage Notice(string text) => Add(new NoticeBlock(text));

    public HtmlPage Field(string label, string? value) => string.IsNullOrWhiteSpace(value) ? this : Add(new FieldBlock(label, value));

    public HtmlPage Link(string label, string href) => Add(new LinkBlock(label, href));

    public HtmlPage Image(string src, string alt, string caption) => Add(new ImageBlock(src, alt, caption));

    public HtmlPage Preformatted(string text) => Add(new PreformattedBlock(text));

    /// <summary>A table with a header row under a subheading, which names it; <paramref name="empty"/> is shown instead when there are no rows.</summary>
    public HtmlPage Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<TableCell>> rows, string empty) =>
        Add(new TableBlock(blocks.OfType<HeadingBlock>().LastOrDefault()?.Text ?? headers[0], headers, [.. rows], empty));

    public HtmlPage Form(FormBlock form) => Add(form);

    /// <summary>A POST form carrying hidden values and visible inputs, so the page works without JavaScript.</summary>
    public HtmlPage Form(string action, string button, IReadOnlyDictionary<string, string> hidden, params FormInput[] inputs) =>
        Add(new FormBlock(action, button, hidden, [.. inputs.Select(i => new TextField(i.Name, i.Label, i.Type, Required: true, Value: i.Value))], new Dictionary<string, string>(), ""));

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var html = await ComponentHtml.RenderAsync<PageShell>(new Dictionary<string, object?>
        {
            [nameof(PageShell.Title)] = title,
            [nameof(PageShell.Language)] = language,
            [nameof(PageShell.RefreshTo)] = refreshTo,
            [nameof(PageShell.Script)] = runsPasskeys ? PasskeyScript.Path : null,
            [nameof(PageShell.Items)] = blocks,
        });
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = "text/html; charset=utf-8";
        SecurityHeaders.ApplyTo(response, runsPasskeys);
        await response.WriteAsync(html, httpContext.RequestAborted);
    }

    HtmlPage Add(Block block)
    {
        blocks.Add(block);
        return this;
    }
}

public sealed record FormInput(string Name, string Label, string Type = "text", string? Value = null);
