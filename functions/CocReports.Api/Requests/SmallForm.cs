using CocReports.Api.Pages;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace CocReports.Api.Requests;

/// <summary>
/// Reads the small forms behind links and the status page (a token or a reference and code, and a few texts) with
/// limits to match, before any token or attempt is checked: nothing unauthenticated makes the app hold more than a
/// megabyte. The form read here is the one the handler's later ReadFormAsync gets back.
/// </summary>
public static class SmallForm
{
    /// <summary>
    /// Enough for the largest action form (a resolution's three texts at the text limit, percent-encoded at up to
    /// 12 bytes a character) and far less than a report.
    /// </summary>
    public const long MaxBytes = 1024 * 1024;

    /// <summary>
    /// What one text may hold, whatever a form's own checks say: one Table property holds 64 KiB of UTF-16, and every
    /// text these forms send is stored in one. Action forms hold texts to the (smaller) intake limit themselves.
    /// https://learn.microsoft.com/en-us/rest/api/storageservices/understanding-the-table-service-data-model
    /// </summary>
    public const int MaxValueLength = 32_000;

    static readonly FormOptions Limits = new()
    {
        BufferBodyLengthLimit = MaxBytes,
        MultipartBodyLengthLimit = MaxBytes,
        ValueCountLimit = 32,
        KeyLengthLimit = 64,
        ValueLengthLimit = (int)MaxBytes,
        MultipartHeadersCountLimit = 4,
        MultipartHeadersLengthLimit = 1024,
    };

    /// <summary>The form, or (as Refusal) a 413 page when it is larger than these forms can be.</summary>
    public static async Task<(IResult? Refusal, IFormCollection Form)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!BodyLimit.TryApply(request, MaxBytes))
        {
            return (TooLarge(), FormCollection.Empty);
        }

        if (!request.HasFormContentType)
        {
            return (null, FormCollection.Empty);
        }

        try
        {
            var form = await request.ReadFormAsync(Limits, cancellationToken);
            return form.Any(field => field.Value.Any(v => v?.Length > MaxValueLength)) ? (TooLarge(), FormCollection.Empty) : (null, form);
        }
        catch (Exception e) when (BodyLimit.WasExceeded(e) || e is InvalidDataException)
        {
            // InvalidDataException: more fields, or longer names, than these forms have.
            return (TooLarge(), FormCollection.Empty);
        }
    }

    static HtmlPage TooLarge() =>
        new HtmlPage("This form is too large", StatusCodes.Status413PayloadTooLarge)
            .Heading("This form is too large.")
            .Paragraph("Nothing was changed. Please shorten what you wrote and send it again.");
}
