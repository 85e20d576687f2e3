using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace CocReports.Api.Pages;

/// <summary>
/// The small server-rendered pages behind email links and the no-JavaScript form. Every value is encoded here;
/// the headers keep the page private (no caching, no referrer, no framing, nothing but its own form).
/// </summary>
public sealed class HtmlPage(string title, int statusCode = StatusCodes.Status200OK) : IResult
{
    readonly StringBuilder body = new();
    string head = "";

    /// <summary>Markup built and encoded elsewhere (an <see cref="CaseActions.ActionForm"/>).</summary>
    internal HtmlPage Markup(string trustedHtml)
    {
        body.Append(trustedHtml);
        return this;
    }

    /// <summary>Sends the browser on to <paramref name="path"/> (same site) as soon as the page loads.</summary>
    public HtmlPage Refresh(string path)
    {
        head = $"<meta http-equiv=\"refresh\" content=\"0; url={Encode(path)}\">";
        return this;
    }

    public HtmlPage Heading(string text)
    {
        body.Append("<h1>").Append(Encode(text)).Append("</h1>");
        return this;
    }

    public HtmlPage Paragraph(string text)
    {
        body.Append("<p>").Append(Encode(text)).Append("</p>");
        return this;
    }

    public HtmlPage Field(string label, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            body.Append("<dl><dt>").Append(Encode(label)).Append("</dt><dd>")
                .Append(Encode(value).ReplaceLineEndings("<br>")).Append("</dd></dl>");
        }

        return this;
    }

    public HtmlPage Link(string label, string href)
    {
        body.Append("<p><a href=\"").Append(Encode(href)).Append("\">").Append(Encode(label)).Append("</a></p>");
        return this;
    }

    public HtmlPage Subheading(string text)
    {
        body.Append("<h2>").Append(Encode(text)).Append("</h2>");
        return this;
    }

    /// <summary>A table with a header row; a cell with a link renders as one. <paramref name="empty"/> is shown instead when there are no rows.</summary>
    public HtmlPage Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<PageCell>> rows, string empty)
    {
        var table = new StringBuilder("<table><thead><tr>");
        foreach (var header in headers)
        {
            table.Append("<th scope=\"col\">").Append(Encode(header)).Append("</th>");
        }

        table.Append("</tr></thead><tbody>");
        var count = 0;
        foreach (var row in rows)
        {
            table.Append("<tr>");
            foreach (var cell in row)
            {
                table.Append("<td>");
                if (cell.Href is { } href)
                {
                    table.Append("<a href=\"").Append(Encode(href)).Append("\">").Append(Encode(cell.Text)).Append("</a>");
                }
                else
                {
                    table.Append(Encode(cell.Text));
                }

                table.Append("</td>");
            }

            table.Append("</tr>");
            count++;
        }

        body.Append(count == 0 ? $"<p>{Encode(empty)}</p>" : table.Append("</tbody></table>").ToString());
        return this;
    }

    /// <summary>A POST form carrying hidden values and optional visible inputs, so the page works without JavaScript.</summary>
    public HtmlPage Form(string action, string button, IReadOnlyDictionary<string, string> hidden, params FormInput[] inputs)
    {
        body.Append("<form method=\"post\" action=\"").Append(Encode(action)).Append("\">");
        foreach (var (name, value) in hidden)
        {
            body.Append("<input type=\"hidden\" name=\"").Append(Encode(name)).Append("\" value=\"").Append(Encode(value)).Append("\">");
        }

        foreach (var input in inputs)
        {
            body.Append("<p><label for=\"").Append(Encode(input.Name)).Append("\">").Append(Encode(input.Label)).Append("</label><br>");
            body.Append("<input id=\"").Append(Encode(input.Name)).Append("\" name=\"").Append(Encode(input.Name))
                .Append("\" type=\"").Append(Encode(input.Type)).Append("\" value=\"").Append(Encode(input.Value ?? ""))
                .Append("\" required autocomplete=\"off\"></p>");
        }

        body.Append("<button type=\"submit\">").Append(Encode(button)).Append("</button></form>");
        return this;
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = "text/html; charset=utf-8";
        SecurityHeaders.ApplyTo(response);
        var html = $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"referrer\" content=\"no-referrer\">{head}<title>{Encode(title)}</title></head><body><main>{body}</main></body></html>";
        await response.WriteAsync(html, httpContext.RequestAborted);
    }

    static string Encode(string value) => WebUtility.HtmlEncode(value);
}

public sealed record FormInput(string Name, string Label, string Type = "text", string? Value = null);

/// <summary>One cell of <see cref="HtmlPage.Table"/>: text, and a link when <see cref="Href"/> is set.</summary>
public sealed record PageCell(string Text, string? Href = null);
