using CocReports.Procedure.Committee;
using CocReports.Procedure.Links;
using CocReports.Procedure.Resolution;
using CocReports.Procedure.Storage;

namespace CocReports.Procedure.Tests.Resolution;

public class PublicStatementTests
{
    static readonly DateTimeOffset Now = Samples.Start;
    static readonly Audience Everyone = Audience.For(Samples.ThreeMembers(), [], []);

    static readonly CaseMessage Draft = new()
    {
        Id = "d1",
        Kind = CaseMessageKind.PublicStatementDraft,
        At = Now,
        From = "ada",
        Text = "Pat was banned after Rita's report.",
        PublicSummary = "A participant was banned.",
        Asked = [ActionLinks.Reporter, ActionLinks.ReportedPerson],
    };

    static CaseMessage Answer(string party, string answer, int minute) =>
        new() { Id = $"c{minute}", Kind = CaseMessageKind.Consent, At = Now.AddMinutes(minute), From = party, InReplyTo = Draft.Id, Text = answer };

    [Fact]
    public void The_named_version_needs_a_yes_from_everyone_asked_and_silence_is_no()
    {
        Assert.False(PublicStatementConsent.EveryoneSaidYes([Draft], Draft));
        Assert.False(PublicStatementConsent.EveryoneSaidYes([Draft, Answer(ActionLinks.Reporter, "yes", 1)], Draft));
        Assert.False(PublicStatementConsent.EveryoneSaidYes([Draft, Answer(ActionLinks.Reporter, "yes", 1), Answer(ActionLinks.ReportedPerson, "no", 2)], Draft));
        Assert.True(PublicStatementConsent.EveryoneSaidYes([Draft, Answer(ActionLinks.Reporter, "yes", 1), Answer(ActionLinks.ReportedPerson, "yes", 2)], Draft));
        Assert.True(PublicStatementConsent.EveryoneSaidYes([], Draft with { Asked = [] }));

        // An answer to an earlier draft says nothing about this one.
        var earlier = Answer(ActionLinks.Reporter, "yes", 1) with { InReplyTo = "d0" };
        Assert.Null(PublicStatementConsent.AnswerOf([earlier], Draft, ActionLinks.Reporter));
    }

    [Fact]
    public void A_statement_is_drafted_once_resolved_and_published_once_by_a_member_who_may_decide()
    {
        Assert.Null(CaseState.New.DraftPublicStatement("ada", Everyone));
        var resolved = CaseState.New.Resolve("ada", Now, Everyone)!;
        Assert.NotNull(resolved.DraftPublicStatement("grace", Everyone));
        Assert.Null((resolved with { SoftConflicts = ["grace"] }).PublishStatement("grace", Now, Everyone));

        var published = resolved.PublishStatement("grace", Now.AddDays(1), Everyone)!;
        Assert.Equal(Now.AddDays(1), published.PublicStatementAt);
        Assert.Null(published.PublishStatement("ada", Now.AddDays(2), Everyone));
        Assert.Null(published.DraftPublicStatement("ada", Everyone));
    }
}
