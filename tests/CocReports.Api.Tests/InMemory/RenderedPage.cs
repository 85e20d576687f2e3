using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CocReports.Api.Tests.InMemory;

/// <summary>A result as the browser gets it: its status and its HTML.</summary>
public sealed record RenderedPage(int StatusCode, string Html)
{
    public static async Task<RenderedPage> OfAsync(IResult result)
    {
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().BuildServiceProvider() };
        using var body = new MemoryStream();
        http.Response.Body = body;
        await result.ExecuteAsync(http);
        body.Position = 0;
        return new RenderedPage(http.Response.StatusCode, await new StreamReader(body).ReadToEndAsync());
    }
}
