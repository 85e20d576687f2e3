using CocReports.Api.Access;
using CocReports.Procedure.Workflow;
using Fido2NetLib;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CocReports.Api.CasePage;

/// <summary>The case page's routes and handlers, wired by the API's one route table and service registration.</summary>
public static class CasePageEndpoints
{
    /// <summary>Routes relative to the /api group; the Functions app declares the same in CaseFunctions.</summary>
    public static RouteGroupBuilder MapCasePage(this RouteGroupBuilder api)
    {
        api.MapGet("/reports/{reference}/view", (HttpRequest request, string reference, CasePage handler, ICaseWorkflow workflows, CancellationToken ct) =>
            handler.ShowAsync(request, workflows, reference, ct));
        api.MapPost("/reports/{reference}/view", (HttpRequest request, string reference, CaseAccess handler, CancellationToken ct) =>
            handler.ExchangeAsync(request, reference, ct)).DisableAntiforgery();
        api.MapPost("/reports/{reference}/passkey", (HttpRequest request, string reference, CaseAccess handler, CancellationToken ct) =>
            handler.AddPasskeyAsync(request, reference, ct)).DisableAntiforgery();
        api.MapPost("/reports/{reference}/passkey/confirm", (HttpRequest request, string reference, CaseAccess handler, CancellationToken ct) =>
            handler.ConfirmPasskeyAsync(request, reference, ct)).DisableAntiforgery();
        api.MapGet("/reports/{reference}/evidence/{index:int}", (HttpRequest request, string reference, int index, CaseEvidence handler, CancellationToken ct) =>
            handler.DownloadAsync(request, reference, index, ct));
        api.MapGet("/reports/{reference}/evidence/{index:int}/original", (HttpRequest request, string reference, int index, CaseEvidence handler, CancellationToken ct) =>
            handler.DownloadOriginalAsync(request, reference, index, ct));
        api.MapGet("/reports/{reference}/trail.json", (HttpRequest request, string reference, CaseTrailExport handler, CancellationToken ct) =>
            handler.JsonAsync(request, reference, ct));
        api.MapGet("/reports/{reference}/trail.csv", (HttpRequest request, string reference, CaseTrailExport handler, CancellationToken ct) =>
            handler.CsvAsync(request, reference, ct));
        return api;
    }

    public static IServiceCollection AddCasePage(this IServiceCollection services)
    {
        services.AddSingleton(sp => new Procedure.Links.CaseSessions(sp.GetRequiredService<IOptions<Procedure.Links.LinkOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<LinkExchange>();
        services.AddSingleton(sp => new Procedure.Links.CeremonySeal(sp.GetRequiredService<IOptions<Procedure.Links.LinkOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IFido2>(sp => new Fido2(RelyingParty(
            sp.GetRequiredService<IOptions<Procedure.Links.LinkOptions>>().Value, sp.GetRequiredService<IOptions<Procedure.Committee.CommunityOptions>>().Value)));
        services.AddSingleton<PasskeyCeremony>();
        services.AddSingleton<CaseAccess>();
        services.AddSingleton<CaseForms>();
        services.AddSingleton<CasePage>();
        services.AddSingleton<CaseEvidence>();
        services.AddSingleton<CaseTrailExport>();
        return services;
    }

    // Passkeys belong to the host members' links point to (Links:PublicBaseUrl): the relying party's id is its host
    // name, and only its own origin may answer. An IP address can't be one: browsers refuse it as a relying party.
    static Fido2Configuration RelyingParty(Procedure.Links.LinkOptions links, Procedure.Committee.CommunityOptions community) => new()
    {
        RPID = links.PublicBaseUrl.Host,
        RPName = community.Name,
        Origins = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { links.PublicBaseUrl.GetLeftPart(UriPartial.Authority) },
    };
}
