using CocReports.Procedure.Measures;
using CocReports.Procedure.Resolution;
using CocReports.Procedure.Storage;

namespace CocReports.Procedure.Tests.Resolution;

public class ResponseInEffectTests
{
    static readonly DateTimeOffset Now = Samples.Start;
    static readonly ResponseOptions Options = new();

    [Fact]
    public void A_temporary_ban_keeps_someone_out_until_its_end_and_no_longer()
    {
        var resolved = Resolved("Temporary ban", ends: Now.AddDays(10));

        var inEffect = Assert.Single(ResponseInEffect.Of(resolved.State, resolved.Messages, Options, Now));
        Assert.Equal(("Temporary ban", "The chat and TestConf", Now.AddDays(10)), (inEffect.Response, inEffect.Scope, inEffect.Until));
        Assert.Empty(ResponseInEffect.Of(resolved.State, resolved.Messages, Options, Now.AddDays(10)));
    }

    [Fact]
    public void A_permanent_ban_keeps_someone_out_past_its_review_date()
    {
        var resolved = Resolved("Permanent ban", ends: Now.AddDays(365));

        var inEffect = Assert.Single(ResponseInEffect.Of(resolved.State, resolved.Messages, Options, Now.AddDays(400)));
        Assert.Equal("Permanent ban", inEffect.Response);
        Assert.Null(inEffect.Until);
    }

    [Theory]
    [InlineData("Warning")]
    [InlineData("Correction")]
    [InlineData("No violation")]
    public void A_response_that_keeps_no_one_out_is_not_told(string response)
    {
        var resolved = Resolved(response, ends: null);

        Assert.Empty(ResponseInEffect.Of(resolved.State, resolved.Messages, Options, Now));
    }

    [Fact]
    public void An_interim_measure_is_told_without_what_it_is_until_it_is_lifted_ends_or_the_committee_decides()
    {
        var taken = CaseState.New with { Measures = [new InterimMeasure("m1", "ada", Now, Now.AddDays(3))] };

        var inEffect = Assert.Single(ResponseInEffect.Of(taken, [], Options, Now));
        Assert.True(inEffect.IsInterimMeasure);
        Assert.Null(inEffect.Scope);
        Assert.Equal(Now.AddDays(3), inEffect.Until);
        Assert.Empty(ResponseInEffect.Of(taken, [], Options, Now.AddDays(3)));
        Assert.Empty(ResponseInEffect.Of(taken with { Measures = [taken.Measures[0] with { Review = MeasureReview.Lifted }] }, [], Options, Now));
        Assert.Empty(ResponseInEffect.Of(taken with { ResolvedAt = Now }, [], Options, Now));
    }

    static (CaseState State, IReadOnlyList<CaseMessage> Messages) Resolved(string response, DateTimeOffset? ends) =>
        (CaseState.New with { ResolvedAt = Now.AddDays(-1), ResponseEndsAt = ends },
        [
            new CaseMessage
            {
                Id = "r", Kind = CaseMessageKind.Resolution, At = Now.AddDays(-1), From = "ada",
                Response = response, ResponseEnds = ends, Scope = "The chat and TestConf", Conditions = "An apology.",
            },
        ]);
}
