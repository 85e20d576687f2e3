using System.Text;
using MimeKit.Text;

namespace CocReports.Adapters.Mail.Inbound;

/// <summary>
/// The text of an HTML-only email, for the description: what a reader sees, block elements on lines of their own,
/// scripts and styles dropped. Never rendered as HTML anywhere, so nothing of the markup survives.
/// </summary>
static class HtmlText
{
    static readonly HashSet<string> Breaks = new(StringComparer.OrdinalIgnoreCase)
    {
        "br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "ul", "ol", "hr",
    };

    public static string Of(string html)
    {
        var text = new StringBuilder();
        var tokenizer = new HtmlTokenizer(new StringReader(html));
        string? skipping = null;
        while (tokenizer.ReadNextToken(out var token))
        {
            switch (token)
            {
                case HtmlTagToken tag when tag.Name is "script" or "style" or "head" or "title":
                    skipping = tag.IsEndTag ? null : tag.Name;
                    break;
                case HtmlTagToken tag when Breaks.Contains(tag.Name):
                    text.Append('\n');
                    break;
                case HtmlDataToken data when skipping is null:
                    text.Append(data.Data);
                    break;
            }
        }

        var lines = text.ToString().Replace('\u00a0', ' ').Split('\n').Select(l => string.Join(' ', l.Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries)));
        return string.Join('\n', lines.Where(l => l.Length > 0));
    }
}
