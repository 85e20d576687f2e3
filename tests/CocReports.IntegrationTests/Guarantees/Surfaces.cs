using System.Net;
using System.Text.RegularExpressions;
using CocReports.Api.OpenCases;
using CocReports.Procedure.Committee;
using CocReports.Procedure.Links;
using CocReports.Procedure.OpenCases;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Workflow;
using CocReports.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CocReports.IntegrationTests.Guarantees;

/// <summary>
/// Every surface a person could learn about a report from. A new page, mail or export is added here, and every promise
/// of the guarantees suite is then tried on it.
/// </summary>
public static partial class Surfaces
{
    public static readonly ISurface[] All =
    [
        new Surface("committee mail", Reader.Member, CommitteeMailAsync),
        new Surface("weekly digest", Reader.Member, DigestAsync),
        new Surface("case page (report, evidence list, timeline, audit trail)", Reader.Member, CasePageAsync),
        new Surface("evidence download", Reader.Member, EvidenceAsync, NamesReports: false),
        new Surface("audit export (trail.json, trail.csv)", Reader.Member, AuditExportAsync),
        new Surface("open-cases page", Reader.Member, OpenCasesAsync),
        new Surface("transparency draft", Reader.Member, TransparencyDraftAsync, NamesReports: false),
        new Surface("reporter mail", Reader.Reporter, ReporterMailAsync),
        new Surface("status page", Reader.Reporter, StatusPageAsync),
        new Surface("organizer and escalation mail", Reader.Others, OthersMailAsync),
        new Surface("stored rows and blobs", Reader.Others, StorageAsync),
    ];

    /// <summary>The surfaces a committee member reads.</summary>
    public static IEnumerable<ISurface> OfMembers => All.Where(s => s.Reader == Reader.Member);

    sealed record Surface(string Name, Reader Reader, Func<Look, Task<string>> Read, bool NamesReports = true) : ISurface
    {
        public Task<string> ReadAsync(Look look) => Read(look);

        public override string ToString() => Name;
    }

    /// <summary>Every mail to the member that <see cref="Look.Mail"/> counts, whichever report it is about.</summary>
    static Task<string> CommitteeMailAsync(Look look) => MailAsync(look, m => m.IsTo(look.Host.EmailOf(look.MemberId)));

    /// <summary>
    /// The member's digest of this week, after a run of the digest as its timer would run it. A member with cases to
    /// list has one, once a week: it is waited for, as smtp4dev may show it a moment after it was handed over.
    /// </summary>
    static async Task<string> DigestAsync(Look look)
    {
        var services = look.Host.Services;
        await services.GetRequiredService<OpenCasesDigest>().RunAsync(CancellationToken.None);
        bool Digest(Mail m) => m.IsTo(look.Host.EmailOf(look.MemberId)) && m.Subject.Contains("Your open cases, week of", StringComparison.Ordinal);
        var open = await services.GetRequiredService<IOpenCasesProjection>().OpenCasesAsync(CancellationToken.None);
        var list = new OpenCaseList(services.GetRequiredService<IOptions<CommitteeOptions>>().Value, services.GetRequiredService<IOptions<WorkflowOptions>>().Value);
        var now = DateTimeOffset.UtcNow;
        if (new DigestSchedule(services.GetRequiredService<IOptions<OpenCasesOptions>>().Value).DueWeek(now) is not null
            && (list.For(look.MemberId, open, now).Count > 0 || list.ToDeclare(look.MemberId, open).Count > 0))
        {
            await look.Host.Inbox.WaitForAsync(Digest);
        }

        return await MailAsync(look, Digest);
    }

    static async Task<string> CasePageAsync(Look look)
    {
        var (browser, refusal) = await CaseSessionAsync(look);
        using (browser)
        {
            return refusal ?? await DescribeAsync(await browser.GetAsync($"/api/reports/{look.Report.Reference}/view"));
        }
    }

    static async Task<string> EvidenceAsync(Look look)
    {
        var (browser, refusal) = await CaseSessionAsync(look);
        using (browser)
        {
            return refusal ?? await DescribeAsync(await browser.GetAsync($"/api/reports/{look.Report.Reference}/evidence/0"));
        }
    }

    static async Task<string> AuditExportAsync(Look look)
    {
        var (browser, refusal) = await CaseSessionAsync(look);
        using (browser)
        {
            return refusal
                ?? await DescribeAsync(await browser.GetAsync($"/api/reports/{look.Report.Reference}/trail.json"))
                + await DescribeAsync(await browser.GetAsync($"/api/reports/{look.Report.Reference}/trail.csv"));
        }
    }

    static async Task<string> OpenCasesAsync(Look look)
    {
        var link = look.Host.Links().CreateOpenCases(look.MemberId);
        using var browser = MemberBrowser.NewBrowser(look.Host.BaseUrl);
        return await OpenAsync(browser, link) ?? await DescribeAsync(await browser.GetAsync("/api/open-cases"));
    }

    static async Task<string> TransparencyDraftAsync(Look look)
    {
        var link = look.Host.Links().CreateTransparency(look.MemberId);
        var (from, to) = look.Host.DraftPeriod;
        return await DescribeAsync(await look.Host.Http.PostAsync(link.AbsolutePath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = MailLinks.Token(link),
            ["from"] = $"{from:yyyy-MM-dd}",
            ["to"] = $"{to:yyyy-MM-dd}",
        })));
    }

    static Task<string> ReporterMailAsync(Look look) => MailAsync(look, m => m.IsTo(look.Report.Spec.ReporterAddress));

    static async Task<string> StatusPageAsync(Look look) =>
        await DescribeAsync(await look.Host.Http.PostAsync("/api/status", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["reference"] = look.Report.Reference,
            ["receiptCode"] = look.Report.ReceiptCode,
        })));

    /// <summary>The alerts to the event's organizers and the mail to the escalation contacts (who read no case page).</summary>
    static Task<string> OthersMailAsync(Look look) =>
        MailAsync(look, m => m.To.Any(t => t.EndsWith("-" + look.Host.Conduct, StringComparison.OrdinalIgnoreCase))
            || (m.IsTo(LocalHostFixture.EscalationAddress) && m.Subject.Contains(look.Report.Reference, StringComparison.Ordinal)));

    static async Task<string> StorageAsync(Look look) =>
        string.Join("\n", (await StoredText.ReadAsync(look.Host)).Select(s => $"{s.Where}: {s.Text}"));

    /// <summary>Each matching mail that <see cref="Look.Mail"/> counts, with its recipients, subject and text, in a stable order.</summary>
    static async Task<string> MailAsync(Look look, Func<Mail, bool> match)
    {
        var texts = new List<string>();
        foreach (var mail in (await look.Host.Inbox.AllAsync()).Where(match))
        {
            if (!await look.Mail.CountsAsync(look.Host.Inbox, mail))
            {
                continue;
            }

            texts.Add($"To: {string.Join(", ", mail.To)}\nSubject: {mail.Subject}\n{await look.Host.Inbox.TextAsync(mail)}");
        }

        return string.Join("\n----\n", texts.Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// A browser with the member's session on the case, from a View link as their mail brings it, having declared no
    /// conflict the first time, as the page asks; or, if refused, what they were shown.
    /// </summary>
    static async Task<(HttpClient Browser, string? Refusal)> CaseSessionAsync(Look look)
    {
        var browser = MemberBrowser.NewBrowser(look.Host.BaseUrl);
        var refusal = await OpenAsync(browser, look.Host.Links().Create(look.Report.Reference, look.MemberId, CaseAction.View));
        // Only where the case page would ask: reading it anywhere else would leave a refusal or a view in the trail.
        var stored = await look.Host.Services.GetRequiredService<IReportStore>().FindAsync(look.Report.Reference, CancellationToken.None);
        var state = await look.Host.Services.GetRequiredService<ICaseStates>().GetCaseStateAsync(look.Report.Reference, CancellationToken.None);
        var committee = look.Host.Services.GetRequiredService<IOptions<CommitteeOptions>>().Value;
        if (refusal is null && stored is not null && Audience.For(committee, stored, state).Includes(look.MemberId) && !state.HasDeclared(look.MemberId))
        {
            await MemberBrowser.DeclareAsync(browser, ActionLinks.PathOf(look.Report.Reference, CaseAction.View), "none");
        }

        return (browser, refusal);
    }

    /// <summary>Follows a member link and presses Open, as <see cref="MemberBrowser.OpenAsync"/>; null once the session is held, else the refusal.</summary>
    static async Task<string?> OpenAsync(HttpClient browser, Uri link)
    {
        using var offer = await browser.GetAsync(link);
        if (offer.StatusCode != HttpStatusCode.OK)
        {
            return await DescribeAsync(offer);
        }

        using var exchange = await MemberBrowser.PressOpenAsync(browser, link);
        return exchange.StatusCode == HttpStatusCode.OK ? null : await DescribeAsync(exchange);
    }

    static async Task<string> DescribeAsync(HttpResponseMessage response)
    {
        using (response)
        {
            return $"{(int)response.StatusCode}\n{await response.Content.ReadAsStringAsync()}\n";
        }
    }

    /// <summary>
    /// A reading with what may differ between two readings of the same thing taken out: the report's own reference
    /// and markers (a twin has its own), link tokens, and dates and times.
    /// </summary>
    public static string Normalized(string reading, FiledReport report) =>
        Times().Replace(
            Tokens().Replace(
                reading.Replace(report.Reference, "(reference)", StringComparison.Ordinal)
                    .Replace(report.Spec.Marker, "(marker)", StringComparison.OrdinalIgnoreCase)
                    .Replace(report.Spec.Identity, "(identity)", StringComparison.OrdinalIgnoreCase),
                "token=(token)"),
            "(time)");

    [GeneratedRegex("token=[^\"&\\s<]+")]
    private static partial Regex Tokens();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}| UTC)?)?|\b\d{1,2}:\d{2}(:\d{2})?( UTC)?")]
    private static partial Regex Times();
}
