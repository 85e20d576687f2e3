using CocReports.Procedure.Intake;

namespace CocReports.Procedure.Tests.Intake;

public class IdempotencyKeyTests
{
    [Fact]
    public void A_random_uuid_is_accepted_in_one_spelling()
    {
        var key = Guid.NewGuid().ToString();

        Assert.Equal(key, IdempotencyKey.Normalize(key));
        Assert.Equal(key, IdempotencyKey.Normalize(key.ToUpperInvariant()));
    }

    [Theory]
    [InlineData("6f1c2b1e-retry")]
    [InlineData("1")]
    [InlineData("report-1")]
    [InlineData("00000000-0000-0000-0000-000000000000")] // nil UUID, version 0
    [InlineData("f47ac10b-58cc-1372-a567-0e02b2c3d479")] // version 1: time and MAC address
    [InlineData("0190b5c4-1f2a-7c3d-8e4f-5a6b7c8d9e0f")] // version 7: mostly a timestamp
    [InlineData("3f0c6e52-8d1a-4b7e-1c2f-5a6b7c8d9e0f")] // version 4 digit, but not the RFC variant
    [InlineData("{3f0c6e52-8d1a-4b7e-9c2f-5a6b7c8d9e0f}")]
    [InlineData("3f0c6e528d1a4b7e9c2f5a6b7c8d9e0f")]
    [InlineData(" 3f0c6e52-8d1a-4b7e-9c2f-5a6b7c8d9e0f")]
    public void Keys_that_are_not_random_uuids_are_refused(string key)
    {
        Assert.Null(IdempotencyKey.Normalize(key));
    }

    [Fact]
    public void The_rule_names_what_is_accepted()
    {
        Assert.Contains("version 4", IdempotencyKey.Rule, StringComparison.Ordinal);
        Assert.NotNull(IdempotencyKey.Normalize("3f0c6e52-8d1a-4b7e-9c2f-5a6b7c8d9e0f"));
    }
}
