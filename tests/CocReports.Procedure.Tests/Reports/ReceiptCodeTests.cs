using System.Text.RegularExpressions;
using CocReports.Procedure.Reports;

namespace CocReports.Procedure.Tests.Reports;

public partial class ReceiptCodeTests
{
    static readonly byte[] ServerKey = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
    static readonly byte[] OtherServerKey = [.. Enumerable.Range(2, 32).Select(i => (byte)i)];

    [GeneratedRegex("^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$")]
    private static partial Regex Shape();

    [Fact]
    public void New_codes_have_twenty_symbols_in_four_groups_and_differ()
    {
        var codes = Enumerable.Range(0, 200).Select(_ => ReceiptCode.New()).ToList();

        Assert.All(codes, code => Assert.Matches(Shape(), code));
        Assert.Equal(codes.Count, codes.Distinct().Count());
    }

    [Fact]
    public void Codes_from_idempotency_keys_have_the_same_shape_and_are_stable()
    {
        var code = ReceiptCode.FromIdempotencyKey("6f1c2b1e-retry", ServerKey);

        Assert.Matches(Shape(), code);
        Assert.Equal(code, ReceiptCode.FromIdempotencyKey("6f1c2b1e-retry", ServerKey));
        Assert.NotEqual(code, ReceiptCode.FromIdempotencyKey("6f1c2b1e-other", ServerKey));
        Assert.NotEqual(code, ReceiptCode.FromIdempotencyKey("6f1c2b1e-retry", OtherServerKey));
    }

    [Fact]
    public void Code_matches_its_hash_however_the_reporter_types_it()
    {
        var code = ReceiptCode.New();
        var hash = ReceiptCode.Hash(code);

        Assert.True(ReceiptCode.Matches(code, hash));
        Assert.True(ReceiptCode.Matches(code.ToLowerInvariant(), hash));
        Assert.True(ReceiptCode.Matches(code.Replace("-", "", StringComparison.Ordinal), hash));
        Assert.True(ReceiptCode.Matches(" " + code.Replace("-", " ", StringComparison.Ordinal).ToLowerInvariant() + " ", hash));
        Assert.True(ReceiptCode.Matches(string.Join("-", code.Replace("-", "", StringComparison.Ordinal).Chunk(4).Select(c => new string(c))), hash));
    }

    [Fact]
    public void Another_code_does_not_match()
    {
        var code = ReceiptCode.FromIdempotencyKey("a", ServerKey);
        var hash = ReceiptCode.Hash(code);

        Assert.False(ReceiptCode.Matches(ReceiptCode.FromIdempotencyKey("b", ServerKey), hash));
        Assert.False(ReceiptCode.Matches(code[..^1] + (code[^1] == '0' ? '1' : '0'), hash));
        Assert.False(ReceiptCode.Matches(code[..^1], hash));
        Assert.False(ReceiptCode.Matches("", hash));
    }

    [Fact]
    public void Hash_does_not_reveal_the_code()
    {
        var code = ReceiptCode.New();
        var hash = ReceiptCode.Hash(code);
        var bare = code.Replace("-", "", StringComparison.Ordinal);

        Assert.NotEqual(code, hash);
        Assert.DoesNotContain(bare, hash, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(code[..5], hash, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(64, hash.Length);
    }

    /// <summary>A reporter retrying after a deployment must get the code the first attempt gave: the derivation is pinned.</summary>
    [Fact]
    public void The_code_derived_from_a_key_stays_the_same_from_release_to_release()
    {
        Assert.Equal("ASST1-FE7F5-RK8V2-FNKY4", ReceiptCode.FromIdempotencyKey("3f0c6e52-8d1a-4b7e-9c2f-5a6b7c8d9e0f", ServerKey));
    }
}
