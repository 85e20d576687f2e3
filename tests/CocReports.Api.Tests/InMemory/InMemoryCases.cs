using System.Diagnostics.Metrics;
using System.Text;
using CocReports.Api.CaseActions;
using CocReports.Api.Access;
using CocReports.Api.CasePage;
using CocReports.Procedure.Committee;
using CocReports.Procedure.Intake;
using CocReports.Procedure.Links;
using CocReports.Procedure.Passkeys;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Resolution;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Telemetry;
using CocReports.Procedure.Transparency;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CocReports.Api.Tests.InMemory;

/// <summary>
/// The case desk, the actions and the actions' endpoint as the app wires them, on in-memory stores, a fake clock and
/// a fake engine; one report, <see cref="Reference"/>, is stored, and three members (ada, grace, alan) handle it.
/// </summary>
public sealed class InMemoryCases
{
    public const string Reference = "COC-AB12-CD34";

    public InMemoryCases()
    {
        Untold = new InMemoryUntoldCaseEvents(Clock);
        States = new InMemoryCaseStates(Journal);
        Messages = new InMemoryCaseMessages(Journal);
        Reports = new InMemoryReports(Messages);
        Timeline = new InMemoryTimeline(Journal);
        Audit = new InMemoryAuditTrail(Journal, new AuditChain(new byte[32]));
        Workflow = new FakeCaseWorkflow(Journal);
        var linkOptions = new LinkOptions { SigningKey = Convert.ToBase64String(new byte[32]), PublicBaseUrl = new Uri("https://coc.example.org") };
        Links = new ActionLinks(linkOptions, Clock);
        var gate = new MemberLinkGate(Links, new NoRevocations(), Options.Create(Committee));
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
        Desk = new CaseDesk(States, Messages, Timeline, Audit, Untold, new ProcedureMetrics(meters), Clock, NullLogger<CaseDesk>.Instance);
        Actions =
        [
            new AcknowledgeAction(States, Desk),
            new RecuseAction(Desk),
            new AskAction(Desk),
            new ResolveAction(Desk, Options.Create(new TransparencyOptions()), Options.Create(Committee), Options.Create(new ResponseOptions())),
        ];
        // Case access as the app wires it (sessions, passkeys); no member here has a passkey, so a link acts alone.
        var access = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(Clock)
            .AddSingleton(Options.Create(linkOptions))
            .AddSingleton(Options.Create(Committee))
            .AddSingleton(Options.Create(new CommunityOptions { Name = "Example community" }))
            .AddSingleton(Links)
            .AddSingleton(gate)
            .AddSingleton<IReportStore>(Reports)
            .AddSingleton<ICaseStates>(States)
            .AddSingleton<IAuditTrail>(Audit)
            .AddSingleton<ILinkLedger>(LinkLedger)
            .AddSingleton<IPasskeyStore>(new NoPasskeys())
            .AddCasePage()
            .BuildServiceProvider()
            .GetRequiredService<CaseAccess>();
        Endpoint = new CaseActionEndpoint(
            Actions,
            gate,
            access,
            Links,
            Reports,
            States,
            Messages,
            LinkLedger,
            Options.Create(Committee),
            Options.Create(new IntakeOptions()),
            Clock);
        Assert.True(Reports.TryAddAsync(
            new Report(Reference, Clock.GetUtcNow(), new ReportDetails { Description = "Rude comments in a review.", ContactEmail = "reporter@example.org" }, [], ReceiptCode.Hash("ABCDE-FGHJK-MNPQR-STVWX")),
            CancellationToken.None).Result);
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 14, 9, 0, 0, TimeSpan.Zero));

    public Journal Journal { get; } = new();

    public CommitteeOptions Committee { get; } = new()
    {
        Members =
        [
            new CommitteeMember { Id = "ada", Name = "Ada", Email = "ada@example.org" },
            new CommitteeMember { Id = "grace", Name = "Grace", Email = "grace@example.org" },
            new CommitteeMember { Id = "alan", Name = "Alan", Email = "alan@example.org" },
        ],

        // The desk's own order, without the declaration decisions wait for (ConflictDeclarationTests prove that on the local host).
        DeclareConflicts = false,
    };

    public InMemoryCaseStates States { get; }

    public InMemoryCaseMessages Messages { get; }

    public InMemoryReports Reports { get; }

    public InMemoryTimeline Timeline { get; }

    public InMemoryAuditTrail Audit { get; }

    public InMemoryUntoldCaseEvents Untold { get; }

    public InMemoryLinkLedger LinkLedger { get; } = new();

    public FakeCaseWorkflow Workflow { get; }

    public ActionLinks Links { get; }

    public CaseDesk Desk { get; }

    public IReadOnlyList<ICaseAction> Actions { get; }

    public CaseActionEndpoint Endpoint { get; }

    /// <summary>Follows <paramref name="memberId"/>'s email link for <paramref name="action"/> and posts its form with <paramref name="fields"/>.</summary>
    public async Task<RenderedPage> PostAsync(string memberId, CaseAction action, params (string Name, string Value)[] fields)
    {
        var link = Links.Create(Reference, memberId, action);
        var token = Uri.UnescapeDataString(link.Query.Split("token=")[1]);
        var body = string.Join('&', fields.Append(("token", token)).Select(f => $"{Uri.EscapeDataString(f.Item1)}={Uri.EscapeDataString(f.Item2)}"));
        var http = new DefaultHttpContext();
        http.Request.Method = "POST";
        http.Request.Path = link.AbsolutePath;
        http.Request.ContentType = "application/x-www-form-urlencoded";
        http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        return await RenderedPage.OfAsync(await Endpoint.ConfirmAsync(http.Request, Workflow, Reference, ActionLinks.PathOf(action), CancellationToken.None));
    }

    /// <summary>Opens <paramref name="memberId"/>'s email link for <paramref name="action"/>: the form, or the page refusing the link.</summary>
    public async Task<RenderedPage> OpenAsync(string memberId, CaseAction action)
    {
        var link = Links.Create(Reference, memberId, action);
        var http = new DefaultHttpContext();
        http.Request.Path = link.AbsolutePath;
        http.Request.QueryString = new QueryString(link.Query);
        return await RenderedPage.OfAsync(await Endpoint.ShowAsync(http.Request, Workflow, Reference, ActionLinks.PathOf(action), CancellationToken.None));
    }

    sealed class NoPasskeys : IPasskeyStore
    {
        public Task<IReadOnlyList<Passkey>> ForMemberAsync(string memberId, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<Passkey>>([]);

        public Task AddAsync(Passkey passkey, CancellationToken cancellationToken) => throw new InvalidOperationException("No passkey is added here.");

        public Task RecordUseAsync(string memberId, byte[] credentialId, uint signCount, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("No passkey is used here.");

        public Task<int> RemoveAllAsync(string memberId, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("No passkey is reset here.");
    }

    sealed class NoRevocations : IMemberRevocations
    {
        public Task<DateTimeOffset?> NotBeforeAsync(string memberId, CancellationToken cancellationToken) => Task.FromResult<DateTimeOffset?>(null);

        public Task<DateTimeOffset?> OrganizerNotBeforeAsync(string organizerId, CancellationToken cancellationToken) => Task.FromResult<DateTimeOffset?>(null);

        public Task RevokeAsync(string memberId, DateTimeOffset notBefore, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("Nobody is revoked here.");
    }
}
