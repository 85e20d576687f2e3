using CocReports.Api.Limits;
using CocReports.Procedure.Rendering;
using Microsoft.AspNetCore.Http;

namespace CocReports.Api;

/// <summary>RFC 9457 problem details for every error the API returns, with words a reporter can act on.</summary>
public static class Problems
{
    /// <param name="t">The reporter's language, once the submission has named it.</param>
    public static IResult Invalid(IReadOnlyDictionary<string, string[]> errors, Texts t) =>
        TypedResults.ValidationProblem(errors, detail: t["Intake.Invalid"], title: "The report has invalid fields");

    /// <param name="t">The reporter's language, once the submission has named it; the detail is in it too.</param>
    public static IResult TooLarge(string detail, Texts t) =>
        TypedResults.Problem($"{detail} {t["Intake.NothingStored"]}", statusCode: StatusCodes.Status413PayloadTooLarge, title: "The report is too large");

    /// <param name="t">The reporter's language, once the submission has named it; the detail is in it too.</param>
    public static IResult UnsupportedType(string detail, Texts t) =>
        TypedResults.Problem($"{detail} {t["Intake.NothingStored"]}", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "This kind of file is not accepted");

    /// <summary>
    /// 503 with Retry-After: storage is down for a moment. Nothing was kept, so sending the same report again (with the
    /// same Idempotency-Key) is safe. The wait is long enough for a blip to pass.
    /// </summary>
    public static IResult Unavailable() =>
        new RetryAfter(
            TypedResults.Problem(
                "We could not store your report just now. Nothing was lost on your side: please send it again in a moment.",
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "The service is briefly unavailable",
                extensions: new Dictionary<string, object?> { ["retryAfter"] = Limits.RetryAfter.Seconds(StorageRetryAfter) }),
            StorageRetryAfter);

    static readonly TimeSpan StorageRetryAfter = TimeSpan.FromSeconds(30);

    /// <summary>500 for an inbound message that failed to import: delivered again, it is tried again.</summary>
    public static IResult ImportFailed() =>
        TypedResults.Problem(
            "The message could not be imported. Deliver it again later.",
            statusCode: StatusCodes.Status500InternalServerError,
            title: "The message could not be imported");

    /// <summary>422 for an inbound message set aside after failing every import: a sender that retries on 5xx stops here.</summary>
    public static IResult SetAside(int tries) =>
        TypedResults.Problem(
            $"The message failed {tries} imports and is set aside; the operators are told. Each delivery after this is tried once.",
            statusCode: StatusCodes.Status422UnprocessableEntity,
            title: "The message cannot be imported");

    public static IResult Conflict(string detail) =>
        TypedResults.Problem(detail + " Nothing of this submission was stored.", statusCode: StatusCodes.Status409Conflict, title: "This key belongs to another report");

    /// <summary>401: the request did not prove it came from whoever holds the shared secret.</summary>
    public static IResult Unauthorized(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Not authenticated");

    public static IResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    /// <summary>429 with Retry-After: the client asked too often and may try again after <paramref name="wait"/>.</summary>
    public static IResult TooManyRequests(TimeSpan wait) =>
        new RetryAfter(
            TypedResults.Problem(
                "Too many requests came from your network in a short time. Nothing was stored. Please wait and send again; the Retry-After header says how long.",
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Please wait before trying again",
                extensions: new Dictionary<string, object?> { ["retryAfter"] = Limits.RetryAfter.Seconds(wait) }),
            wait);

    /// <summary>429 with Retry-After for an inbound message over the email door's budget: deliver it again after the wait.</summary>
    public static IResult Deferred(TimeSpan wait) =>
        new RetryAfter(
            TypedResults.Problem(
                "The conduct address takes no more new reports for now. Nothing was stored: deliver the message again after the Retry-After header's wait.",
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Deliver this message later",
                extensions: new Dictionary<string, object?> { ["retryAfter"] = Limits.RetryAfter.Seconds(wait) }),
            wait);
}
