using System.ComponentModel.DataAnnotations;

namespace CocReports.Adapters.Mail;

/// <summary>How mail leaves: "Smtp" or "Acs", and who it is from. Bound from the "Mail" section.</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    public string Transport { get; set; } = "Smtp";

    [Required]
    public string FromAddress { get; set; } = "coc@example.org";

    public string FromName { get; set; } = "Code of Conduct committee";
}
