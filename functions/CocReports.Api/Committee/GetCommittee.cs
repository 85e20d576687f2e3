using CocReports.Procedure.Committee;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CocReports.Api.Committee;

/// <summary>GET /api/committee: the members' public names, so a reporter can exclude one. Never their addresses.</summary>
public sealed class GetCommittee(IOptions<CommitteeOptions> committee)
{
    public IResult Handle() =>
        TypedResults.Ok(committee.Value.Members.Select(m => new PublicMember(m.Id, m.Name)).ToArray());
}

public sealed record PublicMember(string Id, string Name);
