using System.Text;

namespace CocReports.Procedure.Rendering;

/// <summary>Names kept as one word in code and storage ("FollowUp", "AcknowledgeOverdue"), spelled as words.</summary>
public static class Words
{
    /// <summary>"FollowedUp" → "Followed up" with a space, "Followed-up" with a dash: each inner capital starts a lower-case word.</summary>
    public static string Split(string name, char separator)
    {
        var words = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (words.Length > 0 && char.IsUpper(c))
            {
                words.Append(separator).Append(char.ToLowerInvariant(c));
            }
            else
            {
                words.Append(c);
            }
        }

        return words.ToString();
    }
}
