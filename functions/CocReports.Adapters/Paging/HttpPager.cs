using System.Net.Http.Json;
using CocReports.Procedure.Paging;
using OpenTelemetry;

namespace CocReports.Adapters.Paging;

/// <summary>
/// Pages by an HTTP POST in the format the pager expects: ntfy takes the text as the body with Title and Priority
/// headers (https://docs.ntfy.sh/publish/); a Slack incoming webhook takes {"text": ...}; a Discord webhook
/// {"content": ...}. The URL is a secret (an ntfy topic, a webhook's token): no span records it, and no log names it.
/// </summary>
public sealed class HttpPager(HttpClient http) : IPager
{
    public async Task<bool> PageAsync(Uri pager, PagerFormat format, string title, string text, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, pager)
        {
            Content = format switch
            {
                PagerFormat.Slack => JsonContent.Create(new { text }),
                PagerFormat.Discord => JsonContent.Create(new { content = text }),
                _ => new StringContent(text),
            },
        };
        if (format == PagerFormat.Text)
        {
            request.Headers.Add("Title", title);
            request.Headers.Add("Priority", "urgent");
        }

        using var scope = SuppressInstrumentationScope.Begin();
        using var response = await http.SendAsync(request, cancellationToken);
        return response.IsSuccessStatusCode;
    }
}
