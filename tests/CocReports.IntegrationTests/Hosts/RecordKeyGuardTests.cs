using CocReports.Testing;

namespace CocReports.IntegrationTests;

/// <summary>
/// Its own host, which it leaves unable to start: an app whose records were made with the signing key (every
/// deployment from before the record key existed) refuses to start with another record key, instead of silently
/// matching none of them.
/// </summary>
[Collection(Name)]
public sealed class RecordKeyGuardTests(RecordKeyGuardTests.Host host)
{
    public const string Name = "record key guard";

    [Fact]
    public async Task Records_made_with_one_key_stop_the_app_from_starting_with_another()
    {
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(Submissions.NewReporter())));
        Assert.NotNull((await host.Reports.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>(receipt.Reference, "report")).Value);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(host.RestartWithNewRecordKeyAsync);

        Assert.Contains("Links:RecordKey is not the key this app's records were made with", refused.Message, StringComparison.Ordinal);
    }

    public sealed class Host : LocalHostFixture;

    [CollectionDefinition(Name)]
    public sealed class Collection : ICollectionFixture<Host>;
}
