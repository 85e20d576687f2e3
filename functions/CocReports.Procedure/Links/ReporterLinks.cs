namespace CocReports.Procedure.Links;

/// <summary>The reporter's way back: the status page, opened with reference and receipt code.</summary>
public sealed class ReporterLinks(LinkOptions options)
{
    public Uri StatusPage(string reference) => new(options.PublicBaseUrl, $"/api/status?reference={Uri.EscapeDataString(reference)}");
}
