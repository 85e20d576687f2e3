namespace CocReports.Procedure.Links;

/// <summary>The reporter's way back: the status page, opened with reference and receipt code.</summary>
public sealed class ReporterLinks(LinkOptions options)
{
    /// <param name="language">The reporter's language, so that the page opens in it; null for the default.</param>
    public Uri StatusPage(string reference, string? language = null) =>
        new(options.PublicBaseUrl, $"/api/status?reference={Uri.EscapeDataString(reference)}" + (language is null ? "" : $"&lang={Uri.EscapeDataString(language)}"));
}
