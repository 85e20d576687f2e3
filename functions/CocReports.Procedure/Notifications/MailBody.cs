using System.Text;
using CocReports.Procedure.Rendering;

namespace CocReports.Procedure.Notifications;

/// <summary>
/// The plain-text and HTML parts of an email, written from the same blocks: the text here, the HTML by the
/// <see cref="MailShell"/> component, which encodes every value, so nothing a reporter typed can become markup in a
/// committee member's mail client.
/// </summary>
public sealed class MailBody
{
    readonly StringBuilder text = new();
    readonly List<Block> blocks = [];

    public MailBody Paragraph(string value)
    {
        text.Append(value).Append("\n\n");
        blocks.Add(new ParagraphBlock(value));
        return this;
    }

    public MailBody Field(string label, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return this;
        }

        text.Append(label).Append(":\n").Append(value).Append("\n\n");
        blocks.Add(new FieldBlock(label, value));
        return this;
    }

    public MailBody Link(string label, Uri url)
    {
        text.Append(label).Append(": ").Append(url.AbsoluteUri).Append("\n\n");
        blocks.Add(new LinkBlock(label, url.AbsoluteUri));
        return this;
    }

    public string Text => text.ToString().TrimEnd() + "\n";

    /// <param name="language">The <c>lang</c> of the HTML part.</param>
    public Task<string> RenderHtmlAsync(string language) =>
        ComponentHtml.RenderAsync<MailShell>(new Dictionary<string, object?>
        {
            [nameof(MailShell.Language)] = language,
            [nameof(MailShell.Items)] = blocks,
        });
}
