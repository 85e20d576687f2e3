using CocReports.Procedure.Links;

namespace CocReports.IntegrationTests.Guarantees;

/// <summary>
/// A member who recused learns nothing more of the report through any surface: tried on every door, on every surface
/// a member reads, from the moment they recused.
/// </summary>
[Collection(GuaranteesCollection.Name)]
public sealed class RecusedMemberTests(GuaranteesHosts hosts)
{
    readonly Host host = hosts.Recused;

    [Theory]
    [MemberData(nameof(Doors.Names), MemberType = typeof(Doors))]
    public Task A_member_who_recused_learns_nothing_more_of_the_report(string door) =>
        host.AssertLearnsNothingAsync(host.Report(door));

    /// <summary>Sam recuses from every report as soon as its first mail comes, and nothing else is filed here.</summary>
    public sealed class Host : KeptOutHost
    {
        public override string KeptOut => "sam";

        protected override IEnumerable<IDoor> DoorsTried => Doors.All;

        protected override ReportSpec SpecFor(IDoor door) => ReportSpec.New();

        protected override async Task<MailSince> KeepOutAsync(IReadOnlyList<FiledReport> filed)
        {
            await Task.WhenAll(filed.Select(async report =>
            {
                await Inbox.WaitForAsync(m => m.IsTo(EmailOf(KeptOut)) && m.Subject.Contains($"New Code of Conduct report {report.Reference}", StringComparison.Ordinal));
                await ActAsync(report.Reference, KeptOut, CaseAction.Recuse);
            }));
            return new MailSince(DateTimeOffset.UtcNow);
        }
    }
}
