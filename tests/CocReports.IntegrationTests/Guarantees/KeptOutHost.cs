using CocReports.Procedure.Links;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;
using CocReports.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CocReports.IntegrationTests.Guarantees;

/// <summary>
/// The host of a keep-out promise. Before any report, it reads every member surface as the member kept out and as a
/// member who is not: the twin, this host without the reports. Then it files a report through each door, keeps the
/// member out of each, has another member mark it urgent, take an interim measure on it and tell the reported person,
/// who answers; and waits until the workflow has written to the committee after that: the escalation contacts' overdue
/// notice comes after every reminder, so anything the member should not have had has come by then. Then the third
/// member resolves each report and its reporter appeals, and the appeal's announcement is waited for.
/// </summary>
public abstract class KeptOutHost : GuaranteesHost
{
    /// <summary>The member the reporter keeps out or who recuses, and one who may see every report (whose readings show the surfaces work).</summary>
    public abstract string KeptOut { get; }

    public const string Sees = "alex";

    /// <summary>
    /// The third member, who resolves each report: the appeal then goes to <see cref="Sees"/> (the member kept out is
    /// kept from it too), whose open cases name the appealed report, so those surfaces still prove something.
    /// </summary>
    string Decides => Members.Select(m => m.Id).Single(id => id != KeptOut && id != Sees);

    readonly Dictionary<(string Member, string Surface), string> twin = [];

    public IReadOnlyList<FiledReport> Filed { get; private set; } = [];

    /// <summary>The kept-out member's mail that counts: what they had while they could still see a report does not.</summary>
    public MailSince KeptOutSince { get; private set; } = MailSince.Ever;

    /// <summary>The doors this promise can be kept through.</summary>
    protected abstract IEnumerable<IDoor> DoorsTried { get; }

    protected abstract ReportSpec SpecFor(IDoor door);

    /// <summary>
    /// Keeps the member out of the reports filed (by recusing, say; nothing when the reporter did at intake), and
    /// returns the mail of theirs that counts from then on.
    /// </summary>
    protected abstract Task<MailSince> KeepOutAsync(IReadOnlyList<FiledReport> filed);

    public FiledReport Report(string door) => Filed.Single(r => r.Door.Name == door);

    /// <summary>What <paramref name="memberId"/> read on <paramref name="surface"/> before any report came in.</summary>
    public string Twin(string memberId, ISurface surface) => twin[(memberId, surface.Name)];

    public Look LookAs(string memberId, FiledReport report) => new(this, memberId, report, memberId == KeptOut ? KeptOutSince : MailSince.Ever);

    /// <summary>
    /// Every member surface, read by the member kept out, is what it was before any report came in: no mail, no page,
    /// no line and no count tells them the report exists. Read by a member who may see it, each surface shows it, so
    /// none of the readings above could pass by showing nothing to anyone.
    /// </summary>
    public async Task AssertLearnsNothingAsync(FiledReport report)
    {
        foreach (var surface in Surfaces.OfMembers)
        {
            var raw = await surface.ReadAsync(LookAs(KeptOut, report));
            foreach (var secret in new[] { report.Reference, report.Spec.Marker, report.Spec.Identity })
            {
                Assert.False(raw.Contains(secret, StringComparison.OrdinalIgnoreCase), $"The {surface.Name} shows {KeptOut} {secret} of {report}:\n{raw}");
            }

            var seen = Surfaces.Normalized(raw, report);
            Assert.True(seen == Twin(KeptOut, surface), $"The {surface.Name} {KeptOut} reads differs from the host without the report ({report}):\n{Difference(Twin(KeptOut, surface), seen)}");

            var shown = Surfaces.Normalized(await surface.ReadAsync(LookAs(Sees, report)), report);
            Assert.True(shown != Twin(Sees, surface), $"The {surface.Name} shows {Sees} nothing of {report}: it proves nothing for {KeptOut}.");
            if (surface.NamesReports)
            {
                Assert.True(shown.Contains("(reference)", StringComparison.Ordinal), $"The {surface.Name} does not name {report} to {Sees}:\n{shown}");
            }
        }
    }

    /// <summary>Where two readings part, with some of each around it.</summary>
    static string Difference(string expected, string actual)
    {
        var at = 0;
        while (at < expected.Length && at < actual.Length && expected[at] == actual[at])
        {
            at++;
        }

        var from = Math.Max(0, at - 200);
        return $"without it: …{expected[from..Math.Min(expected.Length, at + 300)]}\nwith it: …{actual[from..Math.Min(actual.Length, at + 300)]}";
    }

    protected override void Configure(IDictionary<string, string?> settings)
    {
        base.Configure(settings);

        // Reminders and the overdue notice come while the test waits, after the member is kept out. A member recuses as
        // soon as their first mail comes, but only once every door has filed its report (the email doors wait for an
        // import), so a reminder must come well after that: one decided before the recusal would be theirs to have.
        settings["Workflow:AcknowledgeRemindAfter:0"] = "00:01:00";
        settings["Workflow:AcknowledgeWithin"] = "00:01:30";
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var never = new FiledReport(Doors.All[0], ReportSpec.New(), ReportReference.New(), "00000-00000-00000-00000");
        foreach (var member in new[] { KeptOut, Sees })
        {
            foreach (var surface in Surfaces.OfMembers)
            {
                twin[(member, surface.Name)] = Surfaces.Normalized(await surface.ReadAsync(new(this, member, never, MailSince.Ever)), never);
            }
        }

        Filed = await FileThroughAsync(DoorsTried, SpecFor);
        KeptOutSince = await KeepOutAsync(Filed);

        // The fast path's notices too: a member who may see each report marks it urgent and takes an interim measure
        // that names the report's marker, so a surface that told the member kept out of it would show that marker; and
        // the reported person is told and answers, so the notice, the statement and their mail are watched as well.
        var until = DateTimeOffset.UtcNow.AddDays(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var report in Filed)
        {
            await ActAsync(report.Reference, Sees, CaseAction.MarkUrgent);
            await ActAsync(report.Reference, Sees, CaseAction.InterimMeasure, new() { ["measure"] = $"Removed from the chat for now ({report.Spec.Marker})", ["until"] = until });

            // The reported person's side: told by a member who sees the report, and answering from their link.
            await ActAsync(report.Reference, Sees, CaseAction.TellReported, new()
            {
                ["email"] = $"reported-{report.Spec.Marker}@example.org",
                ["behaviour"] = $"Mocking others in the chat ({report.Spec.Marker})",
                ["why"] = "The committee has decided.",
            });
            var statement = Links().CreateStatement(report.Reference, DateTimeOffset.UtcNow.AddDays(1));
            using var given = await Http.PostAsync(statement.AbsolutePath, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["token"] = MailLinks.Token(statement),
                ["statement"] = $"My side of it ({report.Spec.Marker})",
            }));
            Assert.Equal(System.Net.HttpStatusCode.OK, given.StatusCode);
        }

        await Task.WhenAll(Filed.Select(report => Inbox.WaitForAsync(
            m => m.IsTo(EscalationAddress) && m.Subject.Contains($"report {report.Reference} is not acknowledged", StringComparison.Ordinal),
            timeout: TimeSpan.FromMinutes(3))));

        // After the decision: the third member resolves each report, and its reporter appeals, as from their mail's link.
        foreach (var report in Filed)
        {
            await ActAsync(report.Reference, Decides, CaseAction.Resolve, new()
            {
                ["violation"] = "yes",
                ["incidentType"] = "Other",
                ["response"] = "Warning",
                ["publicSummary"] = "A participant was warned.",
            });
            var appeal = Links().CreateAppeal(report.Reference, ActionLinks.Reporter, DateTimeOffset.UtcNow.AddDays(1));
            using var appealed = await Http.PostAsync(appeal.AbsolutePath, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["token"] = MailLinks.Token(appeal),
                ["ground"] = "New information",
                ["why"] = $"More happened ({report.Spec.Marker})",
            }));
            Assert.Equal(System.Net.HttpStatusCode.OK, appealed.StatusCode);
        }

        // Each appeal is announced to its panel (the member who sees every report) in one go with anyone else it went to.
        foreach (var report in Filed)
        {
            var appeal = Assert.Single((await Services.GetRequiredService<ICaseStates>().GetCaseStateAsync(report.Reference, CancellationToken.None)).Appeals).Reference;
            await Inbox.WaitForAsync(m => m.IsTo(EmailOf(Sees)) && m.Subject.StartsWith($"Appeal {appeal} of the decision on {report.Reference}", StringComparison.Ordinal));
        }
    }
}
