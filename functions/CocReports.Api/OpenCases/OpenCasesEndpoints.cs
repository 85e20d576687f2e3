using CocReports.Procedure.Committee;
using CocReports.Procedure.Links;
using CocReports.Procedure.Mail;
using CocReports.Procedure.OpenCases;
using CocReports.Procedure.Passkeys;
using CocReports.Procedure.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CocReports.Api.OpenCases;

/// <summary>The open-cases page's routes (with resetting a member's passkeys from it) and the digest, wired by the API's one route table and service registration.</summary>
public static class OpenCasesEndpoints
{
    /// <summary>Routes relative to the /api group; the Functions app declares the same in OpenCasesFunctions.</summary>
    public static RouteGroupBuilder MapOpenCases(this RouteGroupBuilder api)
    {
        api.MapGet("/open-cases", (HttpRequest request, OpenCasesPage handler, CancellationToken ct) => handler.ShowAsync(request, ct));
        api.MapPost("/open-cases", (HttpRequest request, OpenCasesPage handler, CancellationToken ct) => handler.ExchangeAsync(request, ct)).DisableAntiforgery();
        api.MapGet("/open-cases/sign-in", (HttpRequest request, SignInPage handler) => handler.Show(request));
        api.MapPost("/open-cases/sign-in", (HttpRequest request, SignInPage handler, CancellationToken ct) => handler.SignInAsync(request, ct)).DisableAntiforgery();
        api.MapGet("/open-cases/passkey-reset", (HttpRequest request, PasskeyResetPage handler, CancellationToken ct) => handler.ShowAsync(request, ct));
        api.MapPost("/open-cases/passkey-reset", (HttpRequest request, PasskeyResetPage handler, CancellationToken ct) => handler.VouchAsync(request, ct)).DisableAntiforgery();
        api.MapGet("/passkey-reset", (HttpRequest request, ContactVouchPage handler) => handler.Show(request));
        api.MapPost("/passkey-reset", (HttpRequest request, ContactVouchPage handler, CancellationToken ct) => handler.VouchAsync(request, ct)).DisableAntiforgery();
        return api;
    }

    public static IServiceCollection AddOpenCases(this IServiceCollection services)
    {
        services.AddOptions<OpenCasesOptions>().BindSection(OpenCasesOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<OpenCasesPage>();
        services.AddSingleton<SignInPage>();
        services.AddSingleton<OpenCasesDigest>();
        services.AddSingleton(sp => new PasskeyRecovery(
            sp.GetRequiredService<IPasskeyStore>(),
            sp.GetRequiredService<IPasskeyResetVouches>(),
            sp.GetRequiredService<IMemberRevocations>(),
            sp.GetRequiredService<IAuditTrail>(),
            sp.GetRequiredService<OnceOnlyMail>(),
            sp.GetRequiredService<ActionLinks>(),
            sp.GetRequiredService<IOptions<CommitteeOptions>>().Value,
            sp.GetRequiredService<IOptions<CommunityOptions>>().Value,
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<PasskeyResetPage>();
        services.AddSingleton<ContactVouchPage>();
        return services;
    }
}
