using System.Globalization;
using System.Text;
using System.Text.Json;
using CocReports.Procedure.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace CocReports.Api.CasePage;

/// <summary>
/// GET /api/reports/{reference}/trail.json and trail.csv: the case's audit trail as stored, with every hash and the
/// verification, for a member of its audience in a case session. The export is itself recorded first, and a kept
/// export is the anchor that shows later entries were removed.
/// </summary>
public sealed class CaseTrailExport(CaseAccess access, IAuditTrail audit, AuditChain chain)
{
    /// <summary>What the audit trail names when a trail was exported (followed by the format).</summary>
    public const string WhatPrefix = "trail.";

    static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Href(string reference, string format) =>
        $"/api/reports/{Uri.EscapeDataString(reference)}/trail.{format}";

    public Task<IResult> JsonAsync(HttpRequest request, string reference, CancellationToken cancellationToken) =>
        ExportAsync(request, reference, "json", cancellationToken);

    public Task<IResult> CsvAsync(HttpRequest request, string reference, CancellationToken cancellationToken) =>
        ExportAsync(request, reference, "csv", cancellationToken);

    async Task<IResult> ExportAsync(HttpRequest request, string reference, string format, CancellationToken cancellationToken)
    {
        var what = WhatPrefix + format;
        var (refusal, viewed) = await access.AdmitAsync(request, reference, _ => what, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (access.StepUp(viewed!, request, "Case.StepUp.Export") is { } stepUp)
        {
            return stepUp;
        }

        await access.RecordAsync(viewed!, what, cancellationToken);
        var links = await audit.ReadAsync(reference, cancellationToken);
        var verification = chain.Verify(reference, viewed!.Report.ReceivedAt, links);
        return format == "json"
            ? new TrailFile(Json(reference, links, verification), "application/json", $"trail-{reference}.json")
            : new TrailFile(Csv(links), "text/csv", $"trail-{reference}.csv");
    }

    static string Json(string reference, IReadOnlyList<AuditLink> links, AuditVerification verification) =>
        JsonSerializer.Serialize(new
        {
            reference,
            verifies = verification.Verifies,
            firstBroken = verification.FirstBroken,
            problem = verification.Problem,
            entries = links.Select(l => new
            {
                sequence = l.Sequence,
                at = l.Entry.At,
                memberId = l.Entry.MemberId,
                what = l.Entry.What,
                allowed = l.Entry.Allowed,
                previousHash = l.PreviousHash,
                hash = l.Hash,
            }),
        }, Indented);

    static string Csv(IReadOnlyList<AuditLink> links)
    {
        var csv = new StringBuilder("sequence,at,memberId,what,allowed,previousHash,hash\r\n");
        foreach (var l in links)
        {
            csv.AppendJoin(',',
                l.Sequence.ToString(CultureInfo.InvariantCulture),
                l.Entry.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                Cell(l.Entry.MemberId),
                Cell(l.Entry.What),
                l.Entry.Allowed ? "true" : "false",
                l.PreviousHash,
                l.Hash).Append("\r\n");
        }

        return csv.ToString();
    }

    // Quoted when needed (RFC 4180), and never read by a spreadsheet as a formula.
    static string Cell(string value)
    {
        var safe = value.Length > 0 && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value;
        return safe.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }

    sealed class TrailFile(string content, string contentType, string fileName) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var headers = httpContext.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.CacheControl = "no-store";
            headers.ContentSecurityPolicy = EvidenceDownload.ContentSecurityPolicy;
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = fileName }.ToString();
            return Results.Text(content, contentType, Encoding.UTF8).ExecuteAsync(httpContext);
        }
    }
}
