using System.Text;
using System.Text.Json;
using CocReports.Api.Requests;
using CocReports.Procedure.Intake;
using CocReports.Procedure.Rendering;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace CocReports.Api.Intake;

/// <summary>
/// Reads a submission part by part: fields into a <see cref="ReportForm"/>, each evidence file straight into
/// the evidence store through a <see cref="MeteredEvidenceStream"/>. Nothing is buffered whole; the first bytes of
/// each file decide whether it is accepted at all. Every count is held while reading, whatever the headers claimed:
/// the whole body, the parts, the text, the JSON and its nesting.
/// </summary>
/// <param name="attempt">Names this attempt's blobs, so that two attempts under one idempotency key never write the same blob.</param>
sealed class SubmissionReader(IntakeOptions limits, IEvidenceStore evidence, string attempt)
{
    /// <summary>
    /// Far more parts than a report has (its ~20 fields, one per excluded member, one per file); a body of thousands
    /// of empty parts costs the server work for nothing.
    /// </summary>
    public const int MaxParts = 200;

    /// <summary>A report's JSON is one object whose values are strings, booleans or arrays of strings: two levels.</summary>
    public const int MaxJsonDepth = 2;

    public List<EvidenceFile> Stored { get; } = [];

    /// <summary>The text fields read so far: after a refusal, what the plain form shows the reporter again.</summary>
    public ReportForm Form { get; private set; } = new();

    long TextBudget => TextBudgetOf(limits);

    /// <summary>
    /// The reporter's language as far as the submission has told it (the form sends it before any file): what a
    /// reporter can run into is said in it. Refusals only a script can cause stay in English.
    /// </summary>
    public Texts T => Texts.For(Form.Value(ReportFields.Language));

    static Texts English => Texts.For(Texts.Default);

    /// <summary>
    /// The most a submission's body may hold. JSON carries no files, so it is held to the text budget with room for
    /// escapes ("\u00e9" is six bytes for one character); multipart adds the evidence and a margin for its framing.
    /// </summary>
    public static long MaxBodyBytes(HttpRequest request, IntakeOptions limits) =>
        request.HasJsonContentType() ? (TextBudgetOf(limits) * 3 / 2) + (64 * 1024) : limits.MaxReportBytes + (1024 * 1024) + TextBudgetOf(limits);

    /// <summary>What all text fields together may take: each at the text limit, at 4 bytes a character.</summary>
    static long TextBudgetOf(IntakeOptions limits) => ReportFields.Text.Length * (long)limits.MaxTextLength * 4;

    public async Task<ReportForm> ReadAsync(HttpRequest request, string reference, CancellationToken cancellationToken)
    {
        if (request.HasJsonContentType())
        {
            return Form = await ReadJsonAsync(request, cancellationToken);
        }

        return await ReadMultipartAsync(request, reference, textOnly: false, cancellationToken);
    }

    /// <summary>
    /// Reads a refused multipart submission's text fields, up to its first file, within the text budget; nothing
    /// is stored. The plain form sends every text field before its files, so a reporter gets all their text back.
    /// </summary>
    public async Task<ReportForm> ReadTextAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return request.HasJsonContentType() ? Form : await ReadMultipartAsync(request, "", textOnly: true, cancellationToken);
        }
        catch (Exception e) when (e is IntakeRejection or IOException || BodyLimit.WasExceeded(e))
        {
            return Form;
        }
    }

    async Task<ReportForm> ReadMultipartAsync(HttpRequest request, string reference, bool textOnly, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
        {
            throw new IntakeRejection(Problems.UnsupportedType("Send the report as multipart/form-data or application/json.", English));
        }

        var form = Form;
        var reader = new MultipartReader(boundary, request.Body) { HeadersLengthLimit = 16 * 1024, HeadersCountLimit = 8 };
        long evidenceBytes = 0;
        long textBytes = 0;
        var parts = 0;
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (++parts > MaxParts)
            {
                throw new IntakeRejection(Problems.TooLarge($"A report can have at most {MaxParts} parts.", English));
            }

            // IsFormDisposition() is false for file parts, so check the type itself.
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
            if (disposition.IsFileDisposition())
            {
                if (textOnly)
                {
                    break;
                }

                if (name != ReportFields.Evidence)
                {
                    throw new IntakeRejection(Problems.Invalid(new Dictionary<string, string[]> { [name] = ["Files can only be sent as evidence."] }, English));
                }

                var fileName = HeaderUtilities.RemoveQuotes(disposition.FileName).Value ?? "";
                evidenceBytes += await StoreEvidenceAsync(section.Body, fileName, reference, limits.MaxReportBytes - evidenceBytes, cancellationToken);
            }
            else
            {
                var value = await ReadFieldAsync(section.Body, cancellationToken);
                textBytes += Encoding.UTF8.GetByteCount(value);
                if (textBytes > TextBudget)
                {
                    throw new IntakeRejection(Problems.TooLarge(T["Intake.TextsTooLong"], T));
                }

                form.Add(name, value);
            }
        }

        return form;
    }

    async Task<long> StoreEvidenceAsync(Stream body, string fileName, string reference, long reportBudget, CancellationToken cancellationToken)
    {
        if (Stored.Count == limits.MaxFiles)
        {
            throw new IntakeRejection(Problems.TooLarge(T.Format("Intake.TooManyFiles", limits.MaxFiles), T));
        }

        var head = new byte[EvidenceType.HeadLength];
        var headLength = await body.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        if (headLength == 0 && string.IsNullOrEmpty(fileName))
        {
            return 0; // a browser sends an empty, nameless part for a file input left empty
        }

        var contentType = EvidenceType.Sniff(head.AsSpan(0, headLength));
        var displayName = EvidenceName.Shown(SafeFileName(fileName, Stored.Count));
        if (contentType is null)
        {
            throw new IntakeRejection(Problems.UnsupportedType(T.Format("Intake.FileType", displayName), T));
        }

        var fileLimit = Math.Min(limits.MaxFileBytes, reportBudget);
        var message = fileLimit == limits.MaxFileBytes
            ? T.Format("Intake.FileTooLarge", displayName, Megabytes(limits.MaxFileBytes))
            : T.Format("Intake.FilesTooLarge", Megabytes(limits.MaxReportBytes));
        var blobName = $"{reference}/{attempt}/{Stored.Count:D2}";
        await using var metered = new MeteredEvidenceStream(head.AsMemory(0, headLength), body, fileLimit, message);

        // Recorded before the upload, so that a failed upload is cleaned up with the rest. The name is kept as sent
        // (without its path); whoever shows it shows it as text.
        var placeholder = new EvidenceFile(blobName, SafeFileName(fileName, Stored.Count), contentType, 0, "");
        Stored.Add(placeholder);
        try
        {
            await evidence.SaveAsync(blobName, contentType, metered, cancellationToken);
        }
        catch (Exception e) when (e is not EvidenceTooLargeException && FindTooLarge(e) is { } tooLarge)
        {
            throw tooLarge;
        }

        Stored[^1] = placeholder with { Length = metered.BytesRead, Sha256 = metered.Sha256Hex() };
        return metered.BytesRead;
    }

    async Task<string> ReadFieldAsync(Stream body, CancellationToken cancellationToken)
    {
        // UTF-8 takes at most 4 bytes a character; anything longer than that cannot be a valid field.
        var maxBytes = (limits.MaxTextLength * 4) + 1024;
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
            {
                throw new IntakeRejection(Problems.TooLarge(T.Format("Intake.TextTooLong", T.Number(limits.MaxTextLength)), T));
            }
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    static async Task<ReportForm> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var form = new ReportForm();
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, new JsonDocumentOptions { MaxDepth = MaxJsonDepth }, cancellationToken);
        }
        catch (JsonException)
        {
            throw new IntakeRejection(Problems.Invalid(new Dictionary<string, string[]>
            {
                [""] = [$"The request body is not valid JSON, or nests deeper than a report's {MaxJsonDepth} levels (an object of strings, booleans and arrays of strings)."],
            }, English));
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new IntakeRejection(Problems.Invalid(new Dictionary<string, string[]> { [""] = ["Send the report as a JSON object."] }, English));
            }

            var values = 0;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                values += property.Value.ValueKind == JsonValueKind.Array ? property.Value.GetArrayLength() : 1;
                if (values > MaxParts)
                {
                    throw new IntakeRejection(Problems.TooLarge($"A report can have at most {MaxParts} values.", English));
                }

                foreach (var value in property.Value.ValueKind == JsonValueKind.Array ? property.Value.EnumerateArray() : Once(property.Value))
                {
                    form.Add(property.Name, value.ValueKind switch
                    {
                        JsonValueKind.String => value.GetString()!,
                        JsonValueKind.True => "true",
                        JsonValueKind.False => "false",
                        JsonValueKind.Null => "",
                        _ => value.GetRawText(),
                    });
                }
            }
        }

        return form;
    }

    static IEnumerable<JsonElement> Once(JsonElement element)
    {
        yield return element;
    }

    static EvidenceTooLargeException? FindTooLarge(Exception e) =>
        e as EvidenceTooLargeException ?? (e.InnerException is { } inner ? FindTooLarge(inner) : null);

    static string SafeFileName(string fileName, int index)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        name = new string(name.Where(c => !char.IsControl(c)).ToArray());
        return string.IsNullOrWhiteSpace(name) ? $"evidence-{index + 1}" : name[..Math.Min(name.Length, 200)];
    }

    static string Megabytes(long bytes) => $"{bytes / (1024 * 1024)} MB";
}
