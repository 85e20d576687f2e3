using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using CocReports.Procedure.Links;
using CocReports.Testing;

namespace CocReports.IntegrationTests;

/// <summary>Members view photos without their EXIF and GPS data; the original is kept as received and downloaded only on purpose, on the record.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class EvidenceWithoutMetadataTests(LocalHostFixture host)
{
    static readonly string[] Traces =
    [
        "Exif", Photos.Camera, Photos.Comment, Photos.XmpCreator, "xmpmeta",
        Photos.Location, Photos.IccDevice, Photos.SecondPicture, Photos.Thumbnail, .. Photos.Markers,
    ];

    [Fact]
    public async Task Geotagged_photos_are_viewed_without_metadata_and_the_originals_still_match_their_intake_hashes()
    {
        var jpeg = Photos.GeotaggedJpeg();
        var png = Photos.GeotaggedPng();
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(
            Submissions.Fields(Submissions.NewReporter()), ("IMG_2041.jpg", "image/jpeg", jpeg), ("garden.png", "image/png", png)));
        var browser = NewBrowser();
        var page = await OpenAsync(browser, host.Links().Create(receipt.Reference, "alex", CaseAction.View));

        foreach (var (index, sent) in new[] { (0, jpeg), (1, png) })
        {
            using var viewed = await browser.GetAsync($"/api/reports/{receipt.Reference}/evidence/{index}");
            Assert.Equal(HttpStatusCode.OK, viewed.StatusCode);
            Assert.Equal("inline", viewed.Content.Headers.ContentDisposition?.DispositionType);
            var copy = await viewed.Content.ReadAsByteArrayAsync();
            var text = Encoding.Latin1.GetString(copy);
            Assert.All(Traces, trace => Assert.DoesNotContain(trace, text, StringComparison.Ordinal));
            Assert.Equal(-1, copy.AsSpan().IndexOf(Photos.Latitude));

            var hash = Convert.ToHexStringLower(SHA256.HashData(sent));
            Assert.Contains($"<td>{hash}</td>", page, StringComparison.Ordinal);
            Assert.Contains($"href=\"/api/reports/{receipt.Reference}/evidence/{index}/original\"", page, StringComparison.Ordinal);
            using var original = await browser.GetAsync($"/api/reports/{receipt.Reference}/evidence/{index}/original");
            Assert.Equal(HttpStatusCode.OK, original.StatusCode);
            Assert.Equal("attachment", original.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal($"evidence-{index + 1}-original.{(index == 0 ? "jpg" : "png")}", original.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
            Assert.Equal(hash, Convert.ToHexStringLower(SHA256.HashData(await original.Content.ReadAsByteArrayAsync())));
        }

        var whats = new List<string>();
        await foreach (var row in host.Audit.QueryAsync<TableEntity>(e => e.PartitionKey == receipt.Reference))
        {
            whats.Add(row.GetString("What"));
        }

        whats.Reverse();
        Assert.Equal(["action:declare", "case"], whats[..2]);
        Assert.Equal(6, whats.Count);
        Assert.EndsWith("/00", whats[2], StringComparison.Ordinal);
        Assert.Equal("original:" + whats[2], whats[3]);
        Assert.EndsWith("/01", whats[4], StringComparison.Ordinal);
        Assert.Equal("original:" + whats[4], whats[5]);
        var again = await OpenAsync(NewBrowser(), host.Links().Create(receipt.Reference, "sam", CaseAction.View));
        Assert.Contains("<td>Alex Rivera</td><td>Original: evidence-1.jpg</td><td>Opened</td>", again, StringComparison.Ordinal);
    }

    HttpClient NewBrowser() => MemberBrowser.NewBrowser(host.BaseUrl);

    static Task<string> OpenAsync(HttpClient browser, Uri link) => MemberBrowser.OpenStringAsync(browser, link);
}
