using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace CocReports.Api.Limits;

/// <summary>Any answer, with a Retry-After header in whole seconds (RFC 9110, 10.2.3), never less than one.</summary>
public sealed class RetryAfter(IResult inner, TimeSpan wait) : IResult
{
    public TimeSpan Wait { get; } = wait;

    /// <summary>The answer the header goes with.</summary>
    public IResult Inner { get; } = inner;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.RetryAfter = Seconds(Wait).ToString(CultureInfo.InvariantCulture);
        return Inner.ExecuteAsync(httpContext);
    }

    public static long Seconds(TimeSpan wait) => Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds));
}
