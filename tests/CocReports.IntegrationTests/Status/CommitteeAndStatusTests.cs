using CocReports.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CocReports.IntegrationTests;

[Collection(LocalHostCollection.Name)]
public sealed class CommitteeAndStatusTests(LocalHostFixture host)
{
    [Fact]
    public async Task The_committee_list_gives_names_and_never_addresses()
    {
        var body = await host.Http.GetStringAsync("/api/committee");
        var members = JsonSerializer.Deserialize<JsonElement>(body);

        Assert.Equal(["Alex Rivera", "Sam Okafor", "Kim Tanaka"], members.EnumerateArray().Select(m => m.GetProperty("name").GetString()));
        Assert.DoesNotContain("@", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_status_page_opens_with_reference_and_code_and_answers_wrong_codes_like_unknown_references()
    {
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(Submissions.NewReporter())));
        await host.Inbox.WaitForAsync(m => m.Subject.StartsWith("New Code of Conduct report " + receipt.Reference, StringComparison.Ordinal), LocalHostFixture.Members.Length);

        var right = await OpenAsync(receipt.Reference, receipt.ReceiptCode.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal));
        var wrongCode = await OpenAsync(receipt.Reference, "AAAAA-AAAAA-AAAAA-AAAAA");
        var unknown = await OpenAsync("COC-0000-0000", receipt.ReceiptCode);

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("Your report was received.", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, wrongCode.StatusCode);
        Assert.Equal(unknown.StatusCode, wrongCode.StatusCode);
        Assert.Equal(await unknown.Content.ReadAsStringAsync(), (await wrongCode.Content.ReadAsStringAsync()).Replace(receipt.Reference, "COC-0000-0000", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_plain_form_lists_committee_names_for_exclusion_and_posts_to_the_api()
    {
        var html = await host.Http.GetStringAsync("/api/report-form");

        Assert.Contains("action=\"/api/reports\"", html, StringComparison.Ordinal);
        Assert.Contains("enctype=\"multipart/form-data\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"excludedMembers\" type=\"checkbox\" value=\"kim\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("committee.test", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_form_is_served_at_the_root_with_privacy_headers()
    {
        var response = await host.Http.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<coc-report-form", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    Task<HttpResponseMessage> OpenAsync(string reference, string code) =>
        host.Http.PostAsync("/api/status", new FormUrlEncodedContent(new Dictionary<string, string> { ["reference"] = reference, ["receiptCode"] = code }));
}
