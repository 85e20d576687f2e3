using CocReports.Api.Pages;
using CocReports.Procedure.Rendering;
using Microsoft.AspNetCore.Http;

namespace CocReports.Api.Access;

/// <summary>The pages of a member's passkeys: adding one, confirming with one, and a confirmation that failed.</summary>
public static class PasskeyPages
{
    /// <summary>Adds the offer of a passkey to a page: why a passkey, what it asks of the member, and the button that adds one.</summary>
    public static HtmlPage OfferTo(HtmlPage page, string action, IReadOnlyDictionary<string, string> fields, Texts t) =>
        page.RunsPasskeys().Paragraph(t["Passkey.Why"]).Form(action, t["Passkey.AddButton"], fields);

    /// <summary>With <c>Committee:Passkeys</c> = Required: nothing of the case until the member has a passkey.</summary>
    public static IResult MustAdd(string title, string action, IReadOnlyDictionary<string, string> fields, Texts t) =>
        OfferTo(new HtmlPage(title, language: t.Language).Heading(title).Notice(t["Passkey.MustAdd"]), action, fields, t);

    /// <summary>A step that needs a recent confirmation (<see cref="Procedure.Passkeys.PasskeyRule.StepUpNeeded"/>).</summary>
    /// <param name="what">The step, as the start of a sentence ("Downloading an original").</param>
    public static IResult Confirm(string what, string action, IReadOnlyDictionary<string, string> fields, Texts t) =>
        new HtmlPage(t["Passkey.Confirm.Title"], StatusCodes.Status403Forbidden, t.Language)
            .RunsPasskeys()
            .Heading(t["Passkey.Confirm.Title"])
            .Paragraph(t.Format("Passkey.Confirm.Text", what))
            .Form(action, t["Passkey.ConfirmButton"], fields);

    /// <summary>A step that needs the passkey, from a browser that holds no case session of the member's.</summary>
    public static IResult OpenTheCaseFirst(string viewLink, Texts t) =>
        new HtmlPage(t["Passkey.OpenFirst.Title"], StatusCodes.Status403Forbidden, t.Language)
            .Heading(t["Passkey.OpenFirst.Heading"])
            .Paragraph(t["Passkey.OpenFirst.Text"])
            .Link(t["Passkey.OpenTheCase"], viewLink);

    /// <summary>The passkey's answer did not verify: nothing was opened, spent or changed.</summary>
    public static IResult NotConfirmed(Texts t, string? wayBack = null)
    {
        var page = new HtmlPage(t["Passkey.NotConfirmed.Title"], StatusCodes.Status403Forbidden, t.Language)
            .Heading(t["Passkey.NotConfirmed.Heading"])
            .Paragraph(t["Passkey.NotConfirmed.Text"]);
        return wayBack is null ? page : page.Link(t["Passkey.TryAgain"], wayBack);
    }
}
