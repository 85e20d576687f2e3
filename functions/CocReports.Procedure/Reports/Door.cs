namespace CocReports.Procedure.Reports;

/// <summary>
/// The way a report came in. The procedure names the form, an email to the committee's address and an organizer at
/// an event; the webhook is the email door for mail providers that forward inbound mail over HTTP.
/// </summary>
public enum Door
{
    Form,
    Email,
    Webhook,
    Organizer,

    /// <summary>
    /// Not a door a reporter finds: a party's appeal of a resolution, opened as a case of its own from the appeal link
    /// (<see cref="Report.Appeal"/>) so that its promises run like a report's.
    /// </summary>
    Appeal,
}
