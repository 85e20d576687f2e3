using System.Net;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using CocReports.Testing;

namespace CocReports.IntegrationTests;

/// <summary>
/// The server-rendered side as a reporter without JavaScript meets it: one layout and stylesheet, refusals answered
/// with the form again (text kept, files not), promises in the configured words, and the reporter's language.
/// </summary>
[Collection(LocalHostCollection.Name)]
public sealed partial class ServerPagesTests(LocalHostFixture host)
{
    const string BrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    [Fact]
    public async Task A_plain_form_missing_its_description_comes_back_in_html_with_the_text_kept_and_the_error_beside_the_field()
    {
        var marker = "Room " + Guid.NewGuid().ToString("N")[..8] + " <b>by the stairs</b>";
        var fields = Submissions.Fields(Submissions.NewReporter(), description: "");
        fields["location"] = marker;

        var response = await PostAsBrowserAsync(Submissions.Multipart(fields, ("a.png", "image/png", Submissions.Png(2_000))));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(WebUtility.HtmlEncode(marker), html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#description\">", html, StringComparison.Ordinal);
        Assert.Matches("<textarea id=\"description\"[^>]*aria-invalid=\"true\"", html);
        Assert.Contains("please choose your files again", html, StringComparison.Ordinal);
        Assert.Contains("value=\"online\" checked", html, StringComparison.Ordinal);
        await AssertNotStoredAsync(marker);
    }

    [Fact]
    public async Task A_refused_file_type_brings_the_plain_form_back_with_415_and_the_reporters_text()
    {
        var description = "Unique " + Guid.NewGuid().ToString("N");
        var program = "MZ\u0090\0\u0003"u8.ToArray().Concat(new byte[2_000]).ToArray();

        var response = await PostAsBrowserAsync(Submissions.Multipart(Submissions.Fields(Submissions.NewReporter(), description), ("notes.exe", "application/octet-stream", program)));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(">" + description + "</textarea>", html, StringComparison.Ordinal);
        Assert.Contains("notes.exe", html, StringComparison.Ordinal);
        Assert.Contains("please choose your files again", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_over_the_limit_brings_the_plain_form_back_with_413_and_the_reporters_text()
    {
        var description = "Unique " + Guid.NewGuid().ToString("N");

        var response = await PostAsBrowserAsync(Submissions.Multipart(Submissions.Fields(Submissions.NewReporter(), description), ("big.png", "image/png", Submissions.Png(1_500_000))));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(">" + description + "</textarea>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("problem", response.Content.Headers.ContentType?.MediaType ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_german_plain_form_is_told_what_went_wrong_in_german()
    {
        var fields = Submissions.Fields(Submissions.NewReporter(), description: "");
        fields["lang"] = "de";
        fields["contactEmail"] = "keine-adresse";
        var invalid = await (await PostAsBrowserAsync(Submissions.Multipart(fields))).Content.ReadAsStringAsync();
        Assert.Contains("Einige Felder brauchen Ihre Aufmerksamkeit.", invalid, StringComparison.Ordinal);
        Assert.Contains("Bitte beschreiben Sie, was passiert ist.", invalid, StringComparison.Ordinal);
        Assert.Contains("Das sieht nicht wie eine E-Mail-Adresse aus.", invalid, StringComparison.Ordinal);

        fields = Submissions.Fields(Submissions.NewReporter());
        fields["lang"] = "de";
        var program = "MZ\u0090\0\u0003"u8.ToArray().Concat(new byte[2_000]).ToArray();
        var refusedType = await PostAsBrowserAsync(Submissions.Multipart(fields, ("notiz.exe", "application/octet-stream", program)));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, refusedType.StatusCode);
        Assert.Contains("„notiz.exe“ ist kein Bild, kein Video, kein PDF und keine Text- oder Logdatei. Es wurde nichts gespeichert.", WebUtility.HtmlDecode(await refusedType.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var tooLarge = await PostAsBrowserAsync(Submissions.Multipart(fields, ("gross.png", "image/png", Submissions.Png(1_500_000))));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Contains("„gross.png“ ist größer als 1 MB, die Grenze für eine Datei.", WebUtility.HtmlDecode(await tooLarge.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_plain_form_and_the_receipt_mail_quote_the_configured_promises()
    {
        var form = await host.Http.GetStringAsync("/api/report-form");
        Assert.Contains("acknowledge your report within 8 seconds and follow up with you within 16 seconds", form, StringComparison.Ordinal);

        var reporter = Submissions.NewReporter();
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(reporter)));
        var mail = Assert.Single(await host.Inbox.WaitForAsync(m => m.Subject == $"We received your report {receipt.Reference}"));
        var text = await host.Inbox.TextAsync(mail);

        Assert.Contains("acknowledge your report within 8 seconds, follow up with you within 16 seconds", text, StringComparison.Ordinal);
        Assert.DoesNotContain("48 hours", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_report_made_on_the_german_form_gets_german_pages_and_mail()
    {
        var form = await host.Http.GetStringAsync("/api/report-form?lang=de");
        Assert.Contains("<html lang=\"de\">", form, StringComparison.Ordinal);
        Assert.Contains("name=\"lang\" value=\"de\"", form, StringComparison.Ordinal);

        var fields = Submissions.Fields(Submissions.NewReporter());
        fields["lang"] = "de";
        var response = await PostAsBrowserAsync(Submissions.Multipart(fields));
        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Contains("Danke. Ihre Meldung ist eingegangen.", page, StringComparison.Ordinal);
        var reference = ReferencePattern().Match(page).Value;
        var code = CodePattern().Match(page).Value;

        var mail = Assert.Single(await host.Inbox.WaitForAsync(m => m.Subject == $"Wir haben Ihre Meldung {reference} erhalten"));
        Assert.Contains("innerhalb von 8 Sekunden", await host.Inbox.TextAsync(mail), StringComparison.Ordinal);

        var status = await host.Http.PostAsync("/api/status", new FormUrlEncodedContent(new Dictionary<string, string> { ["reference"] = reference, ["receiptCode"] = code }));
        var statusPage = await status.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Contains("<html lang=\"de\">", statusPage, StringComparison.Ordinal);
        Assert.Contains("Ihre Meldung ist eingegangen.", statusPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_server_page_uses_the_one_layout_and_the_stylesheet_the_app_serves()
    {
        var css = await host.Http.GetAsync("/api/pages.css");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        Assert.Contains("@media print", await css.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        foreach (var path in new[] { "/api/report-form", "/api/status", "/api/reports/COC-0000-0000/acknowledge?token=x" })
        {
            var response = await host.Http.GetAsync(path);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("<link rel=\"stylesheet\" href=\"/api/pages.css\"", html, StringComparison.Ordinal);
            Assert.Contains("<meta name=\"viewport\"", html, StringComparison.Ordinal);
            Assert.Equal("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        }
    }

    async Task<HttpResponseMessage> PostAsBrowserAsync(HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/reports") { Content = content };
        request.Headers.Accept.ParseAdd(BrowserAccept);
        return await host.Http.SendAsync(request);
    }

    async Task AssertNotStoredAsync(string location)
    {
        await foreach (var _ in host.Reports.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Location eq {location}")))
        {
            Assert.Fail("A refused report was stored.");
        }
    }

    [GeneratedRegex("COC-[0-9A-Z]{4}-[0-9A-Z]{4}")]
    private static partial Regex ReferencePattern();

    [GeneratedRegex("[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}")]
    private static partial Regex CodePattern();
}
