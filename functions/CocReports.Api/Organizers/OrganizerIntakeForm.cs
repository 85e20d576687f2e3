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

    public static ActionForm For(Organizer organizer) =>
        new ActionForm(
                $"Take a Code of Conduct report at {organizer.Event}",
                $"You are taking this report as {organizer.Name}. It goes to the Code of Conduct committee; you will not see it again after sending. Write down what the reporter tells you, in their words where you can.",
                "Send the report to the committee")
            .Text(Description, "What happened? (required)", required: true)
            .Text(OccurredAt, "When did it happen?", multiline: false)
            .Text(Location, "Where did it happen?", multiline: false)
            .Choice(Ongoing, "Is it still happening?", ("yes", "Yes"), ("no", "No"), ("unsure", "Not sure"))
            .Check(SafetyConcern, "Someone's safety is at risk (alerts the other organizers and the committee at once)")
            .Text(Involved, "Who is involved, and how to identify them (appearance, badge, company, handles)")
            .Text(Witnesses, "Witnesses")
            .Text(HelpOffered, "What help was offered (security, an escort, local authorities)")
            .Choice(Identity, "What does the reporter consent to?",
                ("share", "Share their name and contact with the committee"),
                ("anonymous", "Stay anonymous: the committee does not learn who they are"))
            .Text(ContactName, "Reporter's name (if they share it)", multiline: false)
            .Text(ContactEmail, "Reporter's email, for the receipt and the committee's follow-up (if they share it)", multiline: false)
            .Text(ContactPreference, "How they would like to be contacted", multiline: false);
}
