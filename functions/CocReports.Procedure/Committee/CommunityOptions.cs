using System.ComponentModel.DataAnnotations;

namespace CocReports.Procedure.Committee;

/// <summary>The community this instance serves, named in every email. Bound from the "Community" section.</summary>
public sealed class CommunityOptions
{
    public const string Section = "Community";

    [Required]
    public string Name { get; set; } = "Our community";
}
