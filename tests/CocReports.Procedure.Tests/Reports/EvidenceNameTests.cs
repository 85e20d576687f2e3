using CocReports.Procedure.Intake;
using CocReports.Procedure.Reports;

namespace CocReports.Procedure.Tests.Reports;

public class EvidenceNameTests
{
    [Theory]
    [InlineData(0, "text/plain", "evidence-1.txt")]
    [InlineData(1, "application/pdf", "evidence-2.pdf")]
    [InlineData(2, "image/png", "evidence-3.png")]
    [InlineData(9, "video/quicktime", "evidence-10.mov")]
    public void Downloads_are_named_by_position_and_sniffed_type(int index, string contentType, string expected)
    {
        Assert.Equal(expected, EvidenceName.ForDownload(index, new EvidenceFile("b", "invoice.hta", contentType, 1, "")));
    }

    [Fact]
    public void Every_accepted_type_has_its_own_file_name_ending()
    {
        var endings = EvidenceType.Allowed.Select(EvidenceType.Extension).ToList();

        Assert.DoesNotContain("bin", endings);
        Assert.Equal(endings.Count, endings.Distinct().Count());
    }

    [Theory]
    [InlineData("invoice\u202Efdp.hta", "invoicefdp.hta")] // right-to-left override: shown as "invoiceath.pdf"
    [InlineData("\u2067photo\u2069.png", "photo.png")] // isolates
    [InlineData("a\u200Bb\u200Dc\uFEFF.txt", "abc.txt")] // zero-width space, joiner, BOM
    [InlineData("log\u2028file.txt", "logfile.txt")] // line separator
    [InlineData("tag\U000E0041\U000E0042.png", "tag.png")] // tag characters beyond the basic plane
    [InlineData("Protokoll über den Vorfall.pdf", "Protokoll über den Vorfall.pdf")]
    [InlineData("صورة.png", "صورة.png")]
    [InlineData("\u202E\u200B", "(no name)")]
    public void Shown_names_lose_invisible_formatting_characters_and_keep_letters(string sent, string shown)
    {
        Assert.Equal(shown, EvidenceName.Shown(sent));
    }
}
