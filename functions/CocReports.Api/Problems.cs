using Microsoft.AspNetCore.Http;

namespace CocReports.Api;

/// <summary>RFC 9457 problem details for every error the API returns, with words a reporter can act on.</summary>
public static class Problems
{
    public static IResult Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(
            errors,
            detail: "Some fields need your attention. Nothing was stored; please correct them and send again.",
            title: "The report has invalid fields");

    public static IResult TooLarge(string detail) =>
        TypedResults.Problem(detail + " Nothing was stored.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "The report is too large");

    public static IResult UnsupportedType(string detail) =>
        TypedResults.Problem(detail + " Nothing was stored.", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "This kind of file is not accepted");

    /// <summary>
    /// 503 with Retry-After: storage is down for a moment. Nothing was kept, so sending the same report again (with the
    /// same Idempotency-Key) is safe.
    /// </summary>
    public static IResult Unavailable(TimeSpan retryAfter) =>
        new WithRetryAfter(
            TypedResults.Problem(
                "We could not store your report just now. Nothing was lost on your side: please send it again in a moment.",
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "The service is briefly unavailable"),
            retryAfter);

    public static IResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    sealed class WithRetryAfter(IResult problem, TimeSpan retryAfter) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return problem.ExecuteAsync(httpContext);
        }
    }
}
