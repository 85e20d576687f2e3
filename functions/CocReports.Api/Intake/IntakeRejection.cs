using Microsoft.AspNetCore.Http;

namespace CocReports.Api.Intake;

/// <summary>Stops reading a submission: the problem to answer with. Whatever was already stored is removed.</summary>
sealed class IntakeRejection(IResult problem) : Exception
{
    public IResult Problem { get; } = problem;
}
