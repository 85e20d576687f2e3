using CocReports.Procedure.Intake;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CocReports.Api.Form;

/// <summary>GET /api/form-config: the emergency notice and the limits the form checks before uploading.</summary>
public sealed class FormConfig(IOptions<FormOptions> form, IOptions<IntakeOptions> limits)
{
    public IResult Handle() => TypedResults.Ok(new FormConfigResponse(
        form.Value.EmergencyNotice,
        limits.Value.MaxFiles,
        limits.Value.MaxFileBytes,
        limits.Value.MaxReportBytes,
        limits.Value.MaxTextLength,
        EvidenceType.Allowed));
}

public sealed record FormConfigResponse(
    string EmergencyNotice, int MaxFiles, long MaxFileBytes, long MaxReportBytes, int MaxTextLength, IReadOnlyList<string> AllowedTypes);
