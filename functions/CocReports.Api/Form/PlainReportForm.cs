using System.Net;
using System.Text;
using CocReports.Api.Pages;
using CocReports.Procedure.Committee;
using CocReports.Procedure.Intake;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CocReports.Api.Form;

/// <summary>
/// GET /api/report-form: the report form as plain HTML for reporters with JavaScript off. Rendered by the server so
/// that it can list the committee (for exclusions) and the configured emergency notice; it posts to /api/reports,
/// which answers such a browser with an HTML receipt.
/// </summary>
public sealed class PlainReportForm(IOptions<CommitteeOptions> committee, IOptions<FormOptions> form, IOptions<IntakeOptions> limits)
{
    public IResult Handle() => new PlainPage(Render());

    string Render()
    {
        var html = new StringBuilder();
        html.Append("<h1>Report a Code of Conduct concern</h1>");
        html.Append("<section aria-labelledby=\"emergency\"><h2 id=\"emergency\">If someone is in danger</h2><p>").Append(E(form.Value.EmergencyNotice)).Append("</p></section>");
        html.Append("<p>Tell us what happened in your own words. Only the description is required. If you are unsure whether it is a violation, report anyway: we prefer receiving reports, even if no action is taken.</p>");
        html.Append("<form method=\"post\" action=\"/api/reports\" enctype=\"multipart/form-data\">");

        html.Append("<fieldset><legend>About the incident</legend>");
        TextArea(html, ReportFields.Description, "What happened? (required)", required: true);
        Text(html, ReportFields.OccurredAt, "When did it happen? Approximate is fine.");
        Text(html, ReportFields.Location, "Where did it happen?");
        Radios(html, ReportFields.IsOngoing, "Is it still happening?", ("yes", "Yes"), ("no", "No"), ("unsure", "I'm not sure"));
        TextArea(html, ReportFields.Circumstances, "Anything else about the circumstances?");
        html.Append("</fieldset>");

        html.Append("<fieldset><legend>Where it happened</legend>");
        Radios(html, ReportFields.Setting, "In person or online?", ("physical", "In person, at an event or a place"), ("online", "Online"), ("other", "Somewhere else, or both"));
        Text(html, ReportFields.EventName, "In person: which event, and where?");
        Text(html, ReportFields.OnlineSpace, "Online: which community, and which part of its online space?");
        Text(html, ReportFields.ConversationLink, "Online: link to the conversation", "url");
        html.Append("</fieldset>");

        html.Append("<fieldset><legend>Who was involved</legend>");
        TextArea(html, ReportFields.ReportedPerson, "Who is the report about? Name, appearance, badge details, username, handle, email or IP address: anything that helps identify them.");
        TextArea(html, ReportFields.OthersInvolved, "Other people involved, or witnesses, and how to reach them");
        html.Append("</fieldset>");

        html.Append("<fieldset><legend>Evidence</legend><p><label for=\"evidence\">Screenshots, logs, pictures, recordings or PDFs</label><br>")
            .Append("<input id=\"evidence\" name=\"evidence\" type=\"file\" multiple accept=\"image/*,video/*,application/pdf,text/plain,.log,.txt\"></p>")
            .Append("<p>Up to ").Append(limits.Value.MaxFiles).Append(" files, each up to ").Append(limits.Value.MaxFileBytes / (1024 * 1024)).Append(" MB.</p></fieldset>");

        html.Append("<fieldset><legend>Your safety</legend>");
        TextArea(html, ReportFields.SafetyConcerns, "Concerns about retaliation or your safety");
        html.Append("<p><input id=\"feelsUnsafe\" name=\"feelsUnsafe\" type=\"checkbox\" value=\"true\"> <label for=\"feelsUnsafe\">I am worried about my safety</label></p></fieldset>");

        html.Append("<fieldset><legend>If your report involves a committee member</legend><p>Members you tick will not receive or see this report.</p>");
        foreach (var member in committee.Value.Members)
        {
            var id = "exclude-" + member.Id;
            html.Append("<p><input id=\"").Append(E(id)).Append("\" name=\"excludedMembers\" type=\"checkbox\" value=\"").Append(E(member.Id))
                .Append("\"> <label for=\"").Append(E(id)).Append("\">").Append(E(member.Name)).Append("</label></p>");
        }

        html.Append("</fieldset>");

        html.Append("<fieldset><legend>How we can reach you</legend>");
        Radios(html, ReportFields.ContactChoice, "May the committee contact you?", ("contact", "Yes, by email"), ("anonymous", "No, I want to stay anonymous: I will follow my report with its reference and receipt code"));
        Text(html, ReportFields.ContactName, "Your name (optional)");
        Text(html, ReportFields.ContactEmail, "Your email", "email");
        html.Append("</fieldset>");

        html.Append("<p>Your report is confidential. If a public statement is ever needed, the identities of the people affected and of the reporter stay confidential unless they say otherwise.</p>");
        html.Append("<button type=\"submit\">Send the report</button></form>");
        return html.ToString();
    }

    static void Text(StringBuilder html, string name, string label, string type = "text") =>
        html.Append("<p><label for=\"").Append(name).Append("\">").Append(E(label)).Append("</label><br><input id=\"").Append(name)
            .Append("\" name=\"").Append(name).Append("\" type=\"").Append(type).Append("\"></p>");

    static void TextArea(StringBuilder html, string name, string label, bool required = false) =>
        html.Append("<p><label for=\"").Append(name).Append("\">").Append(E(label)).Append("</label><br><textarea id=\"").Append(name)
            .Append("\" name=\"").Append(name).Append("\" rows=\"5\" cols=\"60\"").Append(required ? " required" : "").Append("></textarea></p>");

    static void Radios(StringBuilder html, string name, string legend, params (string Value, string Label)[] options)
    {
        html.Append("<fieldset><legend>").Append(E(legend)).Append("</legend>");
        foreach (var (value, label) in options)
        {
            var id = name + "-" + value;
            html.Append("<p><input id=\"").Append(id).Append("\" name=\"").Append(name).Append("\" type=\"radio\" value=\"").Append(value)
                .Append("\"> <label for=\"").Append(id).Append("\">").Append(E(label)).Append("</label></p>");
        }

        html.Append("</fieldset>");
    }

    static string E(string value) => WebUtility.HtmlEncode(value);

    sealed class PlainPage(string body) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.ContentType = "text/html; charset=utf-8";
            SecurityHeaders.ApplyTo(httpContext.Response);
            return httpContext.Response.WriteAsync(
                $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Report a Code of Conduct concern</title></head><body><main>{body}</main></body></html>",
                httpContext.RequestAborted);
        }
    }
}
