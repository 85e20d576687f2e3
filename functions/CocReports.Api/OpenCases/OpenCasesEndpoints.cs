using CocReports.Procedure.OpenCases;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CocReports.Api.OpenCases;

/// <summary>The open-cases page's route and the digest, wired by the API's one route table and service registration.</summary>
public static class OpenCasesEndpoints
{
    /// <summary>Routes relative to the /api group; the Functions app declares the same in OpenCasesFunctions.</summary>
    public static RouteGroupBuilder MapOpenCases(this RouteGroupBuilder api)
    {
        api.MapGet("/open-cases", (HttpRequest request, OpenCasesPage handler, CancellationToken ct) => handler.ShowAsync(request, ct));
        api.MapPost("/open-cases", (HttpRequest request, OpenCasesPage handler, CancellationToken ct) => handler.ExchangeAsync(request, ct)).DisableAntiforgery();
        return api;
    }

    public static IServiceCollection AddOpenCases(this IServiceCollection services)
    {
        services.AddOptions<OpenCasesOptions>().BindConfiguration(OpenCasesOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<OpenCasesPage>();
        services.AddSingleton<OpenCasesDigest>();
        return services;
    }
}
