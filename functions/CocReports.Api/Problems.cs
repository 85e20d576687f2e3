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

    public static IResult Conflict(string detail) =>
        TypedResults.Problem(detail + " Nothing of this submission was stored.", statusCode: StatusCodes.Status409Conflict, title: "This key belongs to another report");

    public static IResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");
}
