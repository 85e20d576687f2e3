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
}
