using CocReports.Procedure.Intake;
using CocReports.Procedure.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CocReports.Api.Form;

/// <summary>GET /api/form-config: the emergency notice, the limits the form checks before uploading, and the promises it quotes.</summary>
public sealed class FormConfig(IOptions<FormOptions> form, IOptions<IntakeOptions> limits, IOptions<WorkflowOptions> workflow)
{
    public IResult Handle() => TypedResults.Ok(new FormConfigResponse(
        form.Value.EmergencyNotice,
        limits.Value.MaxFiles,
        limits.Value.MaxFileBytes,
        limits.Value.MaxReportBytes,
        limits.Value.MaxTextLength,
        EvidenceType.Allowed,
        (long)workflow.Value.AcknowledgeWithin.TotalSeconds,
        (long)workflow.Value.FollowUpWithin.TotalSeconds));
}

public sealed record FormConfigResponse(
    string EmergencyNotice, int MaxFiles, long MaxFileBytes, long MaxReportBytes, int MaxTextLength, IReadOnlyList<string> AllowedTypes,
    long AcknowledgeWithinSeconds, long FollowUpWithinSeconds);
