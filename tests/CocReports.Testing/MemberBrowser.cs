using System.Net;
using System.Text.RegularExpressions;

namespace CocReports.Testing;

/// <summary>
/// A member's browser on the case page (or the open-cases page): following a View link shows an Open button, whose
/// POST spends the link and starts a session (a cookie the client keeps), and its page sends the browser on, by a meta
/// refresh, to the same address without the token.
/// </summary>
public static partial class MemberBrowser
{
    /// <summary>A browser of its own, with its own cookies.</summary>
    public static HttpClient NewBrowser(Uri baseUrl) => new(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = baseUrl };

    public static async Task<HttpResponseMessage> OpenAsync(HttpClient browser, Uri link)
    {
        var target = await EnterAsync(browser, link);
        var page = await browser.GetAsync(target);
        if (!Declaration().IsMatch(await page.Content.ReadAsStringAsync()))
        {
            return page;
        }

        // The first time a member opens a report, the page asks for their conflicts: a member without one says so.
        page.Dispose();
        await DeclareAsync(browser, target, "none");
        return await browser.GetAsync(target);
    }

    /// <summary>A link followed and its Open button pressed: where the browser is sent, with the session held, before it goes there.</summary>
    public static async Task<string> EnterAsync(HttpClient browser, Uri link)
    {
        using var offer = await browser.GetAsync(link);
        var offered = await offer.Content.ReadAsStringAsync();
        Assert.True(offer.StatusCode == HttpStatusCode.OK, $"{offer.StatusCode}: {offered}");
        using var exchange = await PressOpenAsync(browser, link);
        var html = await exchange.Content.ReadAsStringAsync();
        Assert.True(exchange.StatusCode == HttpStatusCode.OK, $"{exchange.StatusCode}: {html}");
        return RefreshTarget(html);
    }

    /// <summary>
    /// Posts the declaration the case page at <paramref name="casePage"/> asks for (<c>Committee:DeclareConflicts</c>):
    /// "none", "soft" or "hard", with an optional reason; returns the page that answers it, which must be 200.
    /// </summary>
    public static async Task<string> DeclareAsync(HttpClient browser, string casePage, string conflict, string? reason = null)
    {
        using var page = await browser.GetAsync(casePage);
        var asked = await page.Content.ReadAsStringAsync();
        var form = Declaration().Match(asked);
        Assert.True(form.Success, $"The case page asks for no declaration:\n{asked}");
        var fields = new Dictionary<string, string> { ["token"] = WebUtility.HtmlDecode(form.Groups[2].Value), ["conflict"] = conflict };
        if (reason is not null)
        {
            fields["reason"] = reason;
        }

        using var declared = await browser.PostAsync(form.Groups[1].Value, new FormUrlEncodedContent(fields));
        var html = await declared.Content.ReadAsStringAsync();
        Assert.True(declared.StatusCode == HttpStatusCode.OK, $"{declared.StatusCode}: {html}");
        return html;
    }

    /// <summary>The Open button of a link's page: its form posts the link's token to the link's address.</summary>
    public static Task<HttpResponseMessage> PressOpenAsync(HttpClient browser, Uri link) =>
        browser.PostAsync(
            link.AbsolutePath,
            new FormUrlEncodedContent([new("token", System.Web.HttpUtility.ParseQueryString(link.Query)["token"] ?? "")]));

    public static async Task<string> OpenStringAsync(HttpClient browser, Uri link)
    {
        using var response = await OpenAsync(browser, link);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>An action link's page (its form), which must answer 200.</summary>
    public static async Task<string> ShowAsync(HttpClient browser, Uri link)
    {
        using var response = await browser.GetAsync(link.PathAndQuery);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, html);
        return html;
    }

    /// <summary>An action link's form sent with <paramref name="fields"/>, which must answer 200.</summary>
    public static async Task<string> ActAsync(HttpClient browser, Uri link, Dictionary<string, string> fields)
    {
        fields["token"] = MailLinks.Token(link);
        using var response = await browser.PostAsync(link.AbsolutePath, new FormUrlEncodedContent(fields));
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, html);
        return html;
    }

    /// <summary>Where the exchange page sends the browser; a page without one fails the test rather than open "/".</summary>
    public static string RefreshTarget(string html)
    {
        var match = Refresh().Match(html);
        Assert.True(match.Success, "The page has no meta refresh.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("<form method=\"post\" action=\"(/api/reports/[^/\"]+/declare)\"[^>]*>\\s*<input type=\"hidden\" name=\"token\" value=\"([^\"]+)\"")]
    private static partial Regex Declaration();

    [GeneratedRegex("<meta http-equiv=\"refresh\" content=\"0; url=([^\"]+)\"\\s*/?>")]
    private static partial Regex Refresh();
}
