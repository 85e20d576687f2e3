using CocReports.Procedure.Committee;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Transparency;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CocReports.Procedure.Tests.Transparency;

/// <summary>A member's draft counts only the reports they may know of: no period they draft tells them of another.</summary>
public sealed class CountedReportsTests
{
    static readonly CommitteeOptions Committee = Samples.ThreeMembers();
    static readonly string[] Members = [.. Committee.Members.Select(m => m.Id)];
    static readonly string[] Types = [.. new TransparencyOptions().IncidentTypes];
    static readonly DateTimeOffset FirstDay = new(2024, 12, 20, 10, 0, 0, TimeSpan.Zero);
    static readonly DateTimeOffset Drafted = new(2026, 3, 1, 6, 0, 0, TimeSpan.Zero);

    /// <summary>A report as storage keeps it: the report, its case and its messages.</summary>
    sealed record Stored(Report Report, CaseState State, IReadOnlyList<CaseMessage> Messages);

    static readonly Gen<string[]> SomeMembers =
        Gen.Elements(Members).ListOf().Select(ids => ids.Distinct().ToArray());

    static readonly Gen<Stored> Report =
        from number in Gen.Choose(0, 9999)
        from day in Gen.Choose(0, 400)
        from minute in Gen.Choose(0, 24 * 60 - 1)
        from excluded in SomeMembers
        from recused in SomeMembers
        from ackHours in Gen.Choose(-1, 200)
        from followDays in Gen.Choose(-1, 12)
        from resolveDays in Gen.Choose(-1, 60)
        from type in Gen.Elements(Types.Append("Something else").Append(null).ToArray())
        from violation in Gen.Elements(Finding.Yes, Finding.No)
        from summary in Gen.Elements("A member was asked to change how they spoke in the chat.", "A warning was given.", null)
        let received = FirstDay.AddDays(day).AddMinutes(minute)
        select new Stored(
            Samples.Report(new ReportDetails { Description = "What happened.", ExcludedMembers = excluded }, $"COC-AAAA-{number:D4}") with { ReceivedAt = received },
            new CaseState(ackHours < 0 ? null : received.AddHours(ackHours), ackHours < 0 ? null : "ada", recused, resolveDays < 0 ? null : received.AddDays(resolveDays)),
            [
                .. followDays < 0 ? [] : new[] { new CaseMessage { Id = "f", Kind = CaseMessageKind.FollowUp, At = received.AddDays(followDays), From = "grace" } },
                .. resolveDays < 0 ? [] : new[] { new CaseMessage { Id = "r", Kind = CaseMessageKind.Resolution, At = received.AddDays(resolveDays), From = "alan", IncidentType = type, Violation = violation, PublicSummary = summary } },
            ]);

    static readonly Gen<(DateOnly From, DateOnly To)> Period =
        from start in Gen.Choose(-10, 410)
        from length in Gen.Choose(0, 400)
        let first = DateOnly.FromDateTime(FirstDay.UtcDateTime).AddDays(start)
        select (first, first.AddDays(length));

    /// <summary>Reports, a member, one more report r and where it goes among them, and a period.</summary>
    static Arbitrary<(List<Stored> Others, string Member, Stored R, int At, (DateOnly From, DateOnly To) Period)> With(Func<string, Stored, Gen<Stored>> r) =>
        (from others in Report.ListOf()
         from member in Gen.Elements(Members)
         from plain in Report
         from kept in r(member, plain)
         from at in Gen.Choose(0, others.Count)
         from period in Period
         select (others.ToList(), member, kept, at, period)).ToArbitrary();

    /// <summary>A report r that the reporter excluded the member from, or that the member recused from, or both.</summary>
    static readonly Arbitrary<(List<Stored> Others, string Member, Stored R, int At, (DateOnly From, DateOnly To) Period)> KeptFromTheMember =
        With((member, r) =>
            from how in Gen.Choose(1, 3)
            select r with
            {
                Report = (how & 1) == 0 ? r.Report : r.Report with { Details = r.Report.Details with { ExcludedMembers = [.. r.Report.Details.ExcludedMembers, member] } },
                State = (how & 2) == 0 ? r.State : r.State with { RecusedMembers = [.. r.State.RecusedMembers, member] },
            });

    /// <summary>A report r whose audience includes the member.</summary>
    static readonly Arbitrary<(List<Stored> Others, string Member, Stored R, int At, (DateOnly From, DateOnly To) Period)> OpenToTheMember =
        With((member, r) => Gen.Constant(r with
        {
            Report = r.Report with { Details = r.Report.Details with { ExcludedMembers = [.. r.Report.Details.ExcludedMembers.Where(id => id != member)] } },
            State = r.State with { RecusedMembers = [.. r.State.RecusedMembers.Where(id => id != member)] },
        }));

    /// <summary>The draft a member gets, as TransparencyDraft makes it from storage: only what counts is read.</summary>
    static TransparencyReport DraftOf(string memberId, IEnumerable<Stored> reports, (DateOnly From, DateOnly To) period)
    {
        var counted = new CountedReports(Committee, memberId);
        return TransparencyReportGenerator.Generate(
            reports.Where(r => counted.Includes(r.Report, r.State)).Select(r => TransparencyRecord.From(r.Report, r.State, r.Messages, [])),
            period.From, period.To, "Example Community", "", new TransparencyOptions(), TimeSpan.FromHours(48), TimeSpan.FromDays(7), Drafted);
    }

    static List<Stored> Inserted(List<Stored> others, int at, Stored r) => [.. others[..at], r, .. others[at..]];

    [Property(MaxTest = 300)]
    public Property A_member_kept_from_a_report_drafts_the_same_report_of_any_period_with_it_as_without_it() =>
        Prop.ForAll(KeptFromTheMember, set =>
            TransparencyMarkdown.Render(DraftOf(set.Member, Inserted(set.Others, set.At, set.R), set.Period))
            == TransparencyMarkdown.Render(DraftOf(set.Member, set.Others, set.Period)));

    [Property(MaxTest = 300)]
    public Property A_member_the_report_does_not_keep_out_has_it_counted_in_its_period() =>
        Prop.ForAll(OpenToTheMember, set =>
        {
            var start = new DateTimeOffset(set.Period.From.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var end = new DateTimeOffset(set.Period.To.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            var inPeriod = set.R.Report.ReceivedAt >= start && set.R.Report.ReceivedAt < end;
            return DraftOf(set.Member, Inserted(set.Others, set.At, set.R), set.Period).Total.Count
                == DraftOf(set.Member, set.Others, set.Period).Total.Count + (inPeriod ? 1 : 0);
        });

    [Fact]
    public void A_report_counts_for_every_member_but_those_it_excludes_and_those_who_recused()
    {
        var report = Samples.Report(new ReportDetails { Description = "What happened.", ExcludedMembers = ["grace"] });
        var state = CaseState.New with { RecusedMembers = ["alan"] };

        Assert.Equal(["ada"], Members.Where(id => new CountedReports(Committee, id).Includes(report, state)));
    }
}
