using System.Net;
using CocReports.Procedure.Links;

namespace CocReports.Testing;

/// <summary>
/// A member acting from the link in their mail, as a browser posts the link's form: a decision is preceded by their
/// declaration of conflicts, as the app asks for it (<see cref="Declarations"/>).
/// </summary>
public static class MemberActions
{
    public static async Task<HttpResponseMessage> PostAsync(LocalHostFixture host, string reference, string memberId, CaseAction action, Dictionary<string, string>? fields = null)
    {
        if (Declarations.WaitFor(host.Services, action))
        {
            await Declarations.NoneAsync(host.Http, host.Links(), reference, memberId);
        }

        var link = host.Links().Create(reference, memberId, action);
        var form = new Dictionary<string, string>(fields ?? []) { ["token"] = MailLinks.Token(link) };
        return await host.Http.PostAsync(link.AbsolutePath, new FormUrlEncodedContent(form));
    }

    /// <summary>As <see cref="PostAsync"/>, and the action must be done (200).</summary>
    public static async Task ActAsync(LocalHostFixture host, string reference, string memberId, CaseAction action, Dictionary<string, string>? fields = null)
    {
        using var response = await PostAsync(host, reference, memberId, action, fields);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{action} by {memberId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
