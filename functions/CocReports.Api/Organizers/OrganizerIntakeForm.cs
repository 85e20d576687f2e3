using CocReports.Procedure.Rendering;
using CocReports.Api.CaseActions;
using CocReports.Procedure.Organizers;

namespace CocReports.Api.Organizers;

/// <summary>
/// The intake page an organizer fills in with a reporter in person: what an incident responder gathers (when and
/// where, whether it is ongoing, who is involved and how to recognise them, witnesses, the help offered) and what the
/// reporter consents to.
/// </summary>
public static class OrganizerIntakeForm
{
    public const string Description = "description";
    public const string OccurredAt = "occurredAt";
    public const string Location = "location";
    public const string Ongoing = "ongoing";
    public const string Involved = "involved";
    public const string Witnesses = "witnesses";
    public const string HelpOffered = "helpOffered";
    public const string SafetyConcern = "safetyConcern";
    public const string Identity = "identity";
    public const string ContactName = "contactName";
    public const string ContactEmail = "contactEmail";
    public const string ContactPreference = "contactPreference";

    public static ActionForm For(Organizer organizer, Texts t) =>
        new ActionForm(
                t.Format("Organizer.Form.Heading", organizer.Event),
                t.Format("Organizer.Form.Explain", organizer.Name),
                t["Organizer.Form.Button"],
                t.Language)
            .Text(Description, t["Organizer.Form.Description"], required: true)
            .Text(OccurredAt, t["Organizer.Form.OccurredAt"], multiline: false)
            .Text(Location, t["Organizer.Form.Location"], multiline: false)
            .Choice(Ongoing, t["Organizer.Form.Ongoing"], ("yes", t["Organizer.Form.Yes"]), ("no", t["Organizer.Form.No"]), ("unsure", t["Organizer.Form.Unsure"]))
            .Check(SafetyConcern, t["Organizer.Form.SafetyConcern"])
            .Text(Involved, t["Organizer.Form.Involved"])
            .Text(Witnesses, t["Organizer.Form.Witnesses"])
            .Text(HelpOffered, t["Organizer.Form.HelpOffered"])
            .Choice(Identity, t["Organizer.Form.Identity"],
                ("share", t["Organizer.Form.Share"]),
                ("anonymous", t["Organizer.Form.Anonymous"]))
            .Text(ContactName, t["Organizer.Form.ContactName"], multiline: false)
            .Text(ContactEmail, t["Organizer.Form.ContactEmail"], multiline: false)
            .Text(ContactPreference, t["Organizer.Form.ContactPreference"], multiline: false);
}
