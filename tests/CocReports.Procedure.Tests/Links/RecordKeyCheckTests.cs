using CocReports.Procedure.Links;

namespace CocReports.Procedure.Tests.Links;

public sealed class RecordKeyCheckTests
{
    static readonly string A = Key(1);
    static readonly string B = Key(2);
    static readonly string C = Key(3);

    [Fact]
    public void A_first_start_keeps_whatever_record_key_it_has()
    {
        Assert.Null(RecordKeyCheck.Refusal(null, recordsExist: false, Keys(signing: A, record: C)));
        Assert.Null(RecordKeyCheck.Refusal(null, recordsExist: false, Keys(signing: A)));
    }

    [Fact]
    public void The_record_key_the_records_were_made_with_starts_and_any_other_is_refused()
    {
        var made = Keys(signing: A, record: C).Record.Id;

        Assert.Null(RecordKeyCheck.Refusal(made, recordsExist: true, Keys(signing: B, previous: A, record: C)));
        Assert.Contains("Links:RecordKey is not the key", RecordKeyCheck.Refusal(made, recordsExist: true, Keys(signing: A, record: B)), StringComparison.Ordinal);

        // Unset, it falls back to the signing key, which is not the one the records were made with either.
        Assert.NotNull(RecordKeyCheck.Refusal(made, recordsExist: true, Keys(signing: A)));
    }

    [Fact]
    public void Records_of_an_older_version_start_only_with_the_signing_key_they_were_made_with_as_record_key()
    {
        // The upgrade docs/deploying.md asks for (Links:RecordKey): the record key set to the signing key's value, before or during a rotation.
        Assert.Null(RecordKeyCheck.Refusal(null, recordsExist: true, Keys(signing: A)));
        Assert.Null(RecordKeyCheck.Refusal(null, recordsExist: true, Keys(signing: A, record: A)));
        Assert.Null(RecordKeyCheck.Refusal(null, recordsExist: true, Keys(signing: B, previous: A, record: A)));

        // What azd does when the deployer forgot: a freshly generated record key, which would match nothing recorded.
        Assert.Contains("Records exist from before Links:RecordKey was set", RecordKeyCheck.Refusal(null, recordsExist: true, Keys(signing: A, record: C)), StringComparison.Ordinal);
    }

    static SigningKeys Keys(string signing, string? previous = null, string? record = null) =>
        new(new LinkOptions { SigningKey = signing, PreviousSigningKey = previous, RecordKey = record });

    static string Key(byte fill) => Convert.ToBase64String(Enumerable.Repeat(fill, 32).ToArray());
}
