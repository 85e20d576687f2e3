using System.Diagnostics;
using OpenTelemetry;

namespace CocReports.Api.Telemetry;

/// <summary>
/// Removes query strings from every span before it is exported. View and Answer links carry their token in the
/// query string and stay valid for days; a URL in request or dependency telemetry would hand it to anyone who can
/// read Application Insights. Runs at the end of each span, after instrumentation has set its last tag.
/// </summary>
public sealed class QueryStringScrubber : BaseProcessor<Activity>
{
    // OpenTelemetry's HTTP semantic conventions (url.*) and the older names some instrumentations still write.
    static readonly string[] QueryTags = ["url.query"];
    static readonly string[] UrlTags = ["url.full", "http.url", "http.target"];

    public override void OnEnd(Activity data)
    {
        foreach (var tag in QueryTags)
        {
            if (data.GetTagItem(tag) is not null)
            {
                data.SetTag(tag, null);
            }
        }

        foreach (var tag in UrlTags)
        {
            if (data.GetTagItem(tag) is string url && url.IndexOf('?', StringComparison.Ordinal) is var at and >= 0)
            {
                data.SetTag(tag, url[..at]);
            }
        }
    }
}
