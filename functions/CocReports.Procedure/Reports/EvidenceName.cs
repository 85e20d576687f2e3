using System.Globalization;
using System.Text;
using CocReports.Procedure.Intake;

namespace CocReports.Procedure.Reports;

/// <summary>
/// How evidence is named to the committee. The sender chose the file's name, so it decides nothing: a download is
/// named after its position and its sniffed type, and the sender's name is shown as text only, stripped of the
/// invisible characters (a right-to-left override turns "txt.hta" into "ath.txt" on screen) that disguise it.
/// </summary>
public static class EvidenceName
{
    /// <summary>"evidence-1.pdf": the name a member's machine saves and opens the file under.</summary>
    public static string ForDownload(int index, EvidenceFile file) =>
        string.Create(CultureInfo.InvariantCulture, $"evidence-{index + 1}.{EvidenceType.Extension(file.ContentType)}");

    /// <summary>The sender's name without control, invisible formatting (Unicode Cf) or line separator characters.</summary>
    public static string Shown(string fileName)
    {
        // By rune, not by char: tag characters (U+E0001…) are formatting characters beyond the basic plane.
        var shown = new StringBuilder(fileName.Length);
        foreach (var rune in fileName.EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) is not (UnicodeCategory.Control or UnicodeCategory.Format
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator))
            {
                shown.Append(rune.ToString());
            }
        }

        var text = shown.ToString().Trim();
        return text.Length > 0 ? text : "(no name)";
    }
}
