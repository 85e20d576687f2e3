using CocReports.Procedure.Committee;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Resolution;
using CocReports.Procedure.Storage;

namespace CocReports.Procedure.Tests.Resolution;

public class AppealTests
{
    static readonly DateTimeOffset Resolved = Samples.Start;
    static readonly TimeSpan Window = TimeSpan.FromDays(30);
    static readonly Audience Everyone = Audience.For(Samples.ThreeMembers(), [], []);
    static readonly CaseState Decided = CaseState.New.Resolve("ada", Resolved, Everyone)!;

    [Fact]
    public void The_reporter_appeals_once_within_the_window_from_the_resolution()
    {
        Assert.False(CaseState.New.MayAppeal(AppealParty.Reporter, Resolved, Window));
        Assert.True(Decided.MayAppeal(AppealParty.Reporter, Resolved + Window, Window));
        Assert.Null(Decided.FileAppeal(AppealParty.Reporter, "COC-APPL-0001", Resolved + Window + TimeSpan.FromSeconds(1), Window));

        var appealed = Decided.FileAppeal(AppealParty.Reporter, "COC-APPL-0001", Resolved.AddDays(3), Window)!;
        Assert.Equal([new FiledAppeal(AppealParty.Reporter, "COC-APPL-0001", Resolved.AddDays(3))], appealed.Appeals);
        Assert.Null(appealed.FileAppeal(AppealParty.Reporter, "COC-APPL-0002", Resolved.AddDays(4), Window));
    }

    [Fact]
    public void The_reported_person_appeals_only_once_told_and_apart_from_the_reporter()
    {
        var appealedByReporter = Decided.FileAppeal(AppealParty.Reporter, "COC-APPL-0001", Resolved.AddDays(1), Window)!;
        Assert.False(appealedByReporter.MayAppeal(AppealParty.ReportedPerson, Resolved.AddDays(2), Window));

        var told = appealedByReporter.TellReported("grace", Resolved.AddDays(2), Everyone)!;
        Assert.NotNull(told.FileAppeal(AppealParty.ReportedPerson, "COC-APPL-0002", Resolved.AddDays(2), Window));
    }

    [Fact]
    public void A_case_removed_at_the_end_of_retention_is_no_longer_appealed()
    {
        Assert.False(Decided.PurgeEvidence(Resolved.AddDays(1)).MayAppeal(AppealParty.Reporter, Resolved.AddDays(2), Window));
    }

    [Fact]
    public void The_panel_is_kept_from_no_one_but_the_deciders_and_whoever_the_case_is_kept_from()
    {
        var committee = Samples.ThreeMembers();
        var report = Samples.Report(new ReportDetails { Description = "x", ExcludedMembers = ["alan"] });
        CaseMessage[] messages = [new() { Id = "r1", Kind = CaseMessageKind.Resolution, At = Resolved, From = "ada" }, new() { Id = "n1", Kind = CaseMessageKind.Note, At = Resolved, From = "grace" }];

        Assert.Equal(["alan", "ada"], AppealPanel.KeptFrom(committee, new AppealOptions(), report, CaseState.New, messages));
        Assert.Equal(["alan", "ada", "grace"], AppealPanel.KeptFrom(committee, new AppealOptions { Panel = ["alan"] }, report, CaseState.New, messages));
        Assert.Equal(["grace", "ada"], AppealPanel.KeptFrom(committee, new AppealOptions(), Samples.Report(new ReportDetails { Description = "x" }), CaseState.New.Recuse("grace")!, messages));
    }
}
