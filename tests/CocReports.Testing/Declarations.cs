using System.Net;
using CocReports.Api.CaseActions;
using CocReports.Procedure.Links;
using Microsoft.Extensions.DependencyInjection;

namespace CocReports.Testing;

/// <summary>
/// A member's declaration of conflicts made through their Declare link, as the case page asks for it: decisions (and
/// forms that show what a case holds) wait for it. Declaring again changes nothing, so a helper may declare each time.
/// </summary>
public static class Declarations
{
    /// <summary>Whether <paramref name="action"/> waits for the declaration, as the app's own action says (<see cref="ICaseAction.WaitsForDeclaration"/>).</summary>
    public static bool WaitFor(IServiceProvider app, CaseAction action) =>
        app.GetServices<ICaseAction>().Single(a => a.Action == action).WaitsForDeclaration;

    public static async Task NoneAsync(HttpClient http, ActionLinks links, string reference, string memberId)
    {
        var link = links.Create(reference, memberId, CaseAction.Declare);
        using var response = await http.PostAsync(link.AbsolutePath, new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = MailLinks.Token(link), ["conflict"] = "none" }));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Declaring for {memberId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
