using System.Net;
using System.Text;

namespace CocReports.Procedure.Notifications;

/// <summary>
/// Builds the plain-text and HTML parts of an email together. Every value is HTML-encoded here, once, so nothing a
/// reporter typed can become markup in a committee member's mail client.
/// </summary>
public sealed class MailBody
{
    readonly StringBuilder text = new();
    readonly StringBuilder html = new("<!doctype html><html><body style=\"font-family:sans-serif;line-height:1.5\">");

    public MailBody Paragraph(string value)
    {
        text.Append(value).Append("\n\n");
        html.Append("<p>").Append(Encode(value)).Append("</p>");
        return this;
    }

    public MailBody Field(string label, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return this;
        }

        text.Append(label).Append(":\n").Append(value).Append("\n\n");
        html.Append("<p><strong>").Append(Encode(label)).Append("</strong><br>")
            .Append(Encode(value).ReplaceLineEndings("<br>")).Append("</p>");
        return this;
    }

    public MailBody Link(string label, Uri url)
    {
        text.Append(label).Append(": ").Append(url.AbsoluteUri).Append("\n\n");
        html.Append("<p><a href=\"").Append(Encode(url.AbsoluteUri)).Append("\">").Append(Encode(label)).Append("</a></p>");
        return this;
    }

    public string Text => text.ToString().TrimEnd() + "\n";

    public string Html => html + "</body></html>";

    static string Encode(string value) => WebUtility.HtmlEncode(value);
}
