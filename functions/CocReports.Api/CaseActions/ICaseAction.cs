using CocReports.Procedure.Links;
using Microsoft.AspNetCore.Http;

namespace CocReports.Api.CaseActions;

/// <summary>
/// One thing a committee member (or the reporter) can do from a link: the form it shows, how it checks what was
/// posted, and what it does. The endpoint around it checks the link, the holder's access and single use, so an
/// action only says what it does.
/// </summary>
public interface ICaseAction
{
    CaseAction Action { get; }

    /// <summary>Whether reporters hold this action's links (bound to <see cref="ActionLinks.Reporter"/>); members hold all others.</summary>
    bool HeldByReporter => false;

    /// <summary>Whether the reported person holds this action's link (<see cref="ActionLinks.ReportedPerson"/>), from the committee's notice.</summary>
    bool HeldByReportedPerson => false;

    /// <summary>Whether a link for this action works once only. Answering questions may be repeated.</summary>
    bool SingleUse => true;

    /// <summary>
    /// Whether it waits for the member's declaration of conflicts: its form shows what the case holds (the reported
    /// person's identifiers, a measure's text), or it decides the case (resolving, an interim measure), which a member
    /// who has not said whether they have a conflict may not.
    /// </summary>
    bool WaitsForDeclaration => false;

    /// <summary>Whether acting needs a recent passkey confirmation, for a member who has a passkey (resolving, Identify edits).</summary>
    bool NeedsStepUp => false;

    /// <summary>The confirmation page: a heading, what acting means, and the form fields.</summary>
    ActionForm Form(CaseContext context);

    /// <summary>The confirmation page, for an action whose form shows what it reads from storage first.</summary>
    Task<ActionForm> FormAsync(CaseContext context, CancellationToken cancellationToken) => Task.FromResult(Form(context));

    /// <summary>Errors by field name; empty when the posted form can be acted on.</summary>
    Dictionary<string, string> Validate(CaseContext context, IFormCollection form) => [];

    /// <summary>Acts, and returns the page that says what was done.</summary>
    Task<IResult> ActAsync(CaseContext context, IFormCollection form, CancellationToken cancellationToken);
}
