namespace CocReports.Api.Form;

/// <summary>What the embedded form needs from configuration. Bound from the "Form" section.</summary>
public sealed class FormOptions
{
    public const string Section = "Form";

    public string EmergencyNotice { get; set; } =
        "If you or someone else is in physical danger, call your local emergency number now.";

    /// <summary>Sites allowed to embed the form and post to the API from the browser (CORS). None by default.</summary>
    public List<string> AllowedOrigins { get; set; } = [];
}
