using System.Text;
using System.Text.Unicode;

namespace CocReports.Procedure.Intake;

/// <summary>
/// Decides a file's type from its first bytes. The name and the declared type are the sender's claims; only the
/// content says what a committee member's browser would open.
/// </summary>
public static class EvidenceType
{
    /// <summary>How many leading bytes <see cref="Sniff"/> needs.</summary>
    public const int HeadLength = 512;

    public static readonly IReadOnlyList<string> Allowed =
    [
        "image/png", "image/jpeg", "image/gif", "image/webp",
        "video/mp4", "video/webm", "video/quicktime",
        "application/pdf", "text/plain",
    ];

    /// <summary>The file name ending for an allowed content type: what the file is, whatever it was called.</summary>
    public static string Extension(string contentType) => contentType switch
    {
        "image/png" => "png",
        "image/jpeg" => "jpg",
        "image/gif" => "gif",
        "image/webp" => "webp",
        "video/mp4" => "mp4",
        "video/webm" => "webm",
        "video/quicktime" => "mov",
        "application/pdf" => "pdf",
        "text/plain" => "txt",
        _ => "bin",
    };

    /// <summary>The allowed content type the bytes are, or null when they are none of them.</summary>
    public static string? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((byte[])[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }

        if (head.StartsWith((byte[])[0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }

        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
        {
            return "image/gif";
        }

        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return "image/webp";
        }

        if (head.StartsWith("%PDF-"u8))
        {
            return "application/pdf";
        }

        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
        {
            return head[8..12].SequenceEqual("qt  "u8) ? "video/quicktime" : "video/mp4";
        }

        if (head.StartsWith((byte[])[0x1A, 0x45, 0xDF, 0xA3]))
        {
            return "video/webm";
        }

        return IsPlainText(head) ? "text/plain" : null;
    }

    // Text and logs: UTF-8 without control bytes other than whitespace, and not markup a browser would run.
    static bool IsPlainText(ReadOnlySpan<byte> head)
    {
        if (head.IsEmpty)
        {
            return false;
        }

        foreach (var b in head)
        {
            if (b < 0x20 && b is not (byte)'\n' and not (byte)'\r' and not (byte)'\t' and not 0x0C and not 0x1B)
            {
                return false;
            }
        }

        // The head may end inside a multi-byte character; judge the complete part.
        var complete = head;
        for (var i = 0; i < 3 && complete.Length > 0 && !Utf8.IsValid(complete); i++)
        {
            complete = complete[..^1];
        }

        if (!Utf8.IsValid(complete))
        {
            return false;
        }

        return !LooksLikeMarkup(Encoding.UTF8.GetString(complete).TrimStart('\uFEFF', ' ', '\t', '\r', '\n', '\f'));
    }

    // Tags a browser would start rendering from (after the HTML sniffing standard's list, plus SVG and images).
    // Chat logs such as "<alice> hi" or "<3" stay text: only these tag names followed by a space, "/" or ">" count.
    static readonly string[] MarkupTags =
    [
        "!doctype html", "html", "head", "script", "iframe", "h1", "div", "font", "table", "a", "style", "title",
        "b", "body", "br", "p", "img", "svg", "object", "embed", "form", "meta", "link", "base", "?xml",
    ];

    static bool LooksLikeMarkup(string text)
    {
        if (text.StartsWith("<!--", StringComparison.Ordinal))
        {
            return true;
        }

        foreach (var tag in MarkupTags)
        {
            if (text.Length > tag.Length + 1
                && text[0] == '<'
                && text.AsSpan(1, tag.Length).Equals(tag, StringComparison.OrdinalIgnoreCase)
                && text[tag.Length + 1] is ' ' or '>' or '/' or '\t' or '\n' or '\r' or '\f')
            {
                return true;
            }
        }

        return false;
    }
}
