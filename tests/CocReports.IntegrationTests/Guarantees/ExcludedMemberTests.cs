namespace CocReports.IntegrationTests.Guarantees;

/// <summary>
/// A member the reporter keeps out learns nothing of the report through any surface, not even that it exists: tried on
/// every door through which a reporter can name members to keep out, on every surface a member reads.
/// </summary>
[Collection(GuaranteesCollection.Name)]
public sealed class ExcludedMemberTests(GuaranteesHosts hosts)
{
    readonly Host host = hosts.Excluded;

    [Theory]
    [MemberData(nameof(Doors.KeepingMembersOut), MemberType = typeof(Doors))]
    public Task A_member_the_reporter_excluded_learns_nothing_of_the_report_not_even_that_it_exists(string door) =>
        host.AssertLearnsNothingAsync(host.Report(door));

    /// <summary>Every report excludes Kim, and nothing else is filed here.</summary>
    public sealed class Host : KeptOutHost
    {
        public override string KeptOut => "kim";

        protected override IEnumerable<IDoor> DoorsTried => Doors.All.Where(d => d.KeepsMembersOut);

        protected override ReportSpec SpecFor(IDoor door) => ReportSpec.New(keepOut: KeptOut);

        protected override Task<MailSince> KeepOutAsync(IReadOnlyList<FiledReport> filed) => Task.FromResult(MailSince.Ever);
    }
}
