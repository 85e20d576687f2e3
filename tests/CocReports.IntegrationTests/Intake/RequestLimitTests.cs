using System.Net;
using Azure.Data.Tables;
using CocReports.Procedure.Links;
using CocReports.Testing;

namespace CocReports.IntegrationTests;

/// <summary>
/// Posts without authentication cost the server little: the status page and action forms are refused as soon as
/// they are larger than such a form can be, before any token or code is looked at; and an action is checked in full,
/// lengths included, before its single-use link is spent.
/// </summary>
[Collection(LocalHostCollection.Name)]
public sealed class RequestLimitTests(LocalHostFixture host)
{
    /// <summary>Far more than any cap: a refusal stops it near the cap it broke.</summary>
    const long Huge = 150L * 1024 * 1024;

    /// <summary>The most a link's or the status page's form may be: nothing unauthenticated makes the app hold more than a megabyte.</summary>
    const long FormCap = 1024 * 1024;

    [Fact]
    public async Task An_over_long_follow_up_shows_the_form_again_and_the_same_link_still_works()
    {
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(Submissions.NewReporter())));
        var link = host.Links().Create(receipt.Reference, "sam", CaseAction.FollowUp);
        var fields = new Dictionary<string, string>
        {
            ["token"] = MailLinks.Token(link),
            ["discussed"] = "yes",
            ["violation"] = "undecided",
            ["nextUpdateBy"] = DateTimeOffset.UtcNow.AddDays(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["message"] = new string('x', 20_001),
        };

        using var tooLong = await host.Http.PostAsync(link.AbsolutePath, new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        var page = await tooLong.Content.ReadAsStringAsync();
        Assert.Contains("Please keep this under 20,000 characters.", page, StringComparison.Ordinal);
        Assert.Contains("<form method=\"post\"", page, StringComparison.Ordinal);
        Assert.Empty(await RowsAsync(receipt.Reference, "msg-"));
        Assert.Empty(await RowsAsync(receipt.Reference, "link-"));

        fields["message"] = new string('x', 20_000);
        using var shortened = await host.Http.PostAsync(link.AbsolutePath, new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.OK, shortened.StatusCode);
        Assert.Contains("The follow-up is on its way", await shortened.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(await RowsAsync(receipt.Reference, "msg-"));
    }

    [Theory]
    [InlineData("/api/status")]
    [InlineData("/api/status/answer")]
    public async Task A_huge_chunked_status_post_is_refused_before_it_is_read(string path)
    {
        var body = new StreamedBody("application/x-www-form-urlencoded", "reference=COC-0000-0000&receiptCode=", (byte)'a', Huge);

        var answer = await body.PostAsync(host.BaseUrl, path);

        Assert.Equal(413, answer.Status);
        Assert.Contains("This form is too large", answer.Body, StringComparison.Ordinal);
        Assert.InRange(body.Sent, FormCap, FormCap + StreamedBody.InFlight);
    }

    [Fact]
    public async Task A_huge_chunked_action_post_is_refused_before_its_link_is_checked_or_spent()
    {
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(Submissions.NewReporter())));
        var link = host.Links().Create(receipt.Reference, "alex", CaseAction.Acknowledge);
        var body = new StreamedBody("application/x-www-form-urlencoded", $"token={MailLinks.Token(link)}&message=", (byte)'a', Huge);

        var answer = await body.PostAsync(host.BaseUrl, link.AbsolutePath);

        Assert.Equal(413, answer.Status);
        Assert.InRange(body.Sent, FormCap, FormCap + StreamedBody.InFlight);
        Assert.Empty(await RowsAsync(receipt.Reference, "link-"));
    }

    [Fact]
    public async Task A_status_post_declaring_a_large_length_is_refused_without_reading_it()
    {
        var content = new ByteArrayContent(new byte[5 * 1024 * 1024]);
        content.Headers.ContentType = new("application/x-www-form-urlencoded");

        using var response = await host.Http.PostAsync("/api/status", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task An_answer_longer_than_storage_holds_is_refused_on_the_status_page_and_nothing_is_stored()
    {
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(Submissions.NewReporter())));

        using var response = await host.Http.PostAsync("/api/status/answer", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["reference"] = receipt.Reference,
            ["receiptCode"] = receipt.ReceiptCode,
            ["questionId"] = "q",
            ["answer"] = new string('x', 40_000),
        }));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("This form is too large", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await RowsAsync(receipt.Reference, "msg-"));
    }

    async Task<List<string>> RowsAsync(string reference, string prefix)
    {
        var rows = new List<string>();
        await foreach (var row in host.Reports.QueryAsync<TableEntity>(e => e.PartitionKey == reference))
        {
            if (row.RowKey.StartsWith(prefix, StringComparison.Ordinal))
            {
                rows.Add(row.RowKey);
            }
        }

        return rows;
    }
}
