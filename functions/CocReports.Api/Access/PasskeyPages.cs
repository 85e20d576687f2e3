using CocReports.Api.Pages;
using Microsoft.AspNetCore.Http;

namespace CocReports.Api.Access;

/// <summary>The pages of a member's passkeys: adding one, confirming with one, and a confirmation that failed.</summary>
public static class PasskeyPages
{
    /// <summary>What a member reads beside the offer: why a passkey, and what it asks of them.</summary>
    public const string Why = "With a passkey, your links open this case only together with this device and its fingerprint, face or PIN, so someone who reads your email can't. No password.";

    /// <summary>The button that adds a passkey, wherever it is offered.</summary>
    public const string AddButton = "Add a passkey on this device";

    /// <summary>The button that confirms with a passkey.</summary>
    public const string ConfirmButton = "Confirm with your passkey";

    /// <summary>Adds the offer of a passkey to a page.</summary>
    public static HtmlPage OfferTo(HtmlPage page, string action, IReadOnlyDictionary<string, string> fields) =>
        page.RunsPasskeys().Paragraph(Why).Form(action, AddButton, fields);

    /// <summary>With <c>Committee:Passkeys</c> = Required: nothing of the case until the member has a passkey.</summary>
    public static IResult MustAdd(string title, string action, IReadOnlyDictionary<string, string> fields) =>
        OfferTo(new HtmlPage(title).Heading(title).Notice("Add a passkey before you open this case: your committee asks every member for one."), action, fields);

    /// <summary>A step that needs a recent confirmation (<see cref="Procedure.Passkeys.PasskeyRule.StepUpNeeded"/>).</summary>
    public static IResult Confirm(string what, string action, IReadOnlyDictionary<string, string> fields) =>
        new HtmlPage("Confirm it's you", StatusCodes.Status403Forbidden)
            .RunsPasskeys()
            .Heading("Confirm it's you")
            .Paragraph($"{what} needs your passkey again: it is asked for a few minutes at a time, so a case left open on a screen is not enough.")
            .Form(action, ConfirmButton, fields);

    /// <summary>A step that needs the passkey, from a browser that holds no case session of the member's.</summary>
    public static IResult OpenTheCaseFirst(string viewLink) =>
        new HtmlPage("Open the case first", StatusCodes.Status403Forbidden)
            .Heading("Open the case first.")
            .Paragraph("Nothing was changed. This step needs your passkey: open the case in this browser, confirm with your passkey there, then act from the case page.")
            .Link("Open the case", viewLink);

    /// <summary>The passkey's answer did not verify: nothing was opened, spent or changed.</summary>
    public static IResult NotConfirmed(string? wayBack = null)
    {
        var page = new HtmlPage("Your passkey was not confirmed", StatusCodes.Status403Forbidden)
            .Heading("Your passkey was not confirmed.")
            .Paragraph("Nothing was opened or changed, and your link still works. Use the device that has your passkey, and confirm with its fingerprint, face or PIN.");
        return wayBack is null ? page : page.Link("Try again", wayBack);
    }
}
