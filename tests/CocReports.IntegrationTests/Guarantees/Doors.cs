using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using CocReports.Procedure.Intake;
using CocReports.Testing;
using MimeKit;

namespace CocReports.IntegrationTests.Guarantees;

/// <summary>
/// Every door a report comes in through. A new door is added here, and every promise of the guarantees suite is then
/// tried on it.
/// </summary>
public static partial class Doors
{
    public static readonly IDoor[] All = [new ScriptForm(), new JsonApi(), new PlainForm(), new Email(), new Webhook(), new Organizer()];

    public static IDoor Named(string name) => All.Single(d => d.Name == name);

    /// <summary>The doors by name, for a theory: one case per door.</summary>
    public static TheoryData<string> Names => [.. All.Select(d => d.Name)];

    /// <summary>The doors through which a reporter can keep members out.</summary>
    public static TheoryData<string> KeepingMembersOut => [.. All.Where(d => d.KeepsMembersOut).Select(d => d.Name)];

    /// <summary>Every text field of the report form, with the spec's marker, its identity and its choices.</summary>
    static Dictionary<string, string> ReportFieldsFor(ReportSpec spec)
    {
        var fields = ReportFields.Text.ToDictionary(name => name, name => ServerForm.Typed(spec, name));
        fields[ReportFields.ContactChoice] = spec.Anonymous ? "anonymous" : "contact";
        fields[ReportFields.IsOngoing] = "yes";
        fields[ReportFields.Setting] = "online";
        fields[ReportFields.FeelsUnsafe] = "true";
        if (spec.KeepOut is not null)
        {
            fields[ReportFields.ExcludedMembers] = spec.KeepOut;
        }

        return fields;
    }

    /// <summary>The embedded form, as its script sends it: multipart, with a file, asking for a JSON receipt.</summary>
    sealed class ScriptForm : IDoor
    {
        public string Name => "form";

        public bool KeepsMembersOut => true;

        public bool AnswersAnonymousMail => false;

        public async Task<FiledReport> FileAsync(GuaranteesHost host, ReportSpec spec)
        {
            var file = ($"{spec.Marker}.txt", "text/plain", Encoding.UTF8.GetBytes($"Chat log {spec.Marker}"));
            var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(ReportFieldsFor(spec), file));
            return new(this, spec, receipt.Reference, receipt.ReceiptCode);
        }
    }

    /// <summary>The API as a script calls it with a JSON body.</summary>
    sealed class JsonApi : IDoor
    {
        public string Name => "json";

        public bool KeepsMembersOut => true;

        public bool AnswersAnonymousMail => false;

        public async Task<FiledReport> FileAsync(GuaranteesHost host, ReportSpec spec)
        {
            var receipt = await Submissions.SubmitAsync(host.Http, JsonContent.Create(ReportFieldsFor(spec)));
            return new(this, spec, receipt.Reference, receipt.ReceiptCode);
        }
    }

    /// <summary>The plain form a browser without JavaScript gets from the server, posted as that browser posts it.</summary>
    sealed class PlainForm : IDoor
    {
        public string Name => "plain form";

        public bool KeepsMembersOut => true;

        public bool AnswersAnonymousMail => false;

        public async Task<FiledReport> FileAsync(GuaranteesHost host, ReportSpec spec)
        {
            var form = ServerForm.Read(await host.Http.GetStringAsync("/api/report-form"));
            using var request = new HttpRequestMessage(HttpMethod.Post, form.Action) { Content = form.Fill(spec) };
            request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");
            using var response = await host.Http.SendAsync(request);
            var page = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{response.StatusCode}: {page}");
            return new(this, spec, ReferencePattern().Match(page).Value, CodePattern().Match(page).Value);
        }
    }

    /// <summary>A message to the conduct address, which the host polls over IMAP.</summary>
    sealed class Email : IDoor
    {
        public string Name => "email";

        public bool KeepsMembersOut => false;

        public bool AnswersAnonymousMail => true;

        public async Task<FiledReport> FileAsync(GuaranteesHost host, ReportSpec spec)
        {
            var message = Message(host, spec, out var subject);
            await ConductMailbox.SendAsync(message);
            return await StoredAsync(this, host, spec, subject);
        }
    }

    /// <summary>The same message, forwarded by a mail provider to the inbound webhook, signed with the shared secret.</summary>
    sealed class Webhook : IDoor
    {
        public string Name => "webhook";

        public bool KeepsMembersOut => false;

        public bool AnswersAnonymousMail => true;

        public async Task<FiledReport> FileAsync(GuaranteesHost host, ReportSpec spec)
        {
            using var raw = new MemoryStream();
            Message(host, spec, out var subject).WriteTo(raw);
            using var request = ConductMailbox.WebhookPost(raw.ToArray(), GuaranteesHost.WebhookSecret, DateTimeOffset.UtcNow);
            using var response = await host.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            return await StoredAsync(this, host, spec, subject);
        }
    }

    /// <summary>An organizer's intake page at an event, from their personal link, filled in with the reporter.</summary>
    sealed class Organizer : IDoor
    {
        public string Name => "organizer";

        public bool KeepsMembersOut => false;

        public bool AnswersAnonymousMail => false;

        public async Task<FiledReport> FileAsync(GuaranteesHost host, ReportSpec spec)
        {
            var link = host.OrganizerLink();
            var form = ServerForm.Read(await host.Http.GetStringAsync(link.PathAndQuery));
            using var response = await host.Http.PostAsync(form.Action, form.Fill(spec));
            var page = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {page}");
            return new(this, spec, ReferencePattern().Match(page).Value, CodePattern().Match(page).Value);
        }
    }

    /// <summary>
    /// An emailed report with the marker in every part a sender chooses (subject, text, file name and content,
    /// Message-ID) and the identity in the sender's name and address; "[anonymous]" in the subject asks for anonymity.
    /// </summary>
    static MimeMessage Message(GuaranteesHost host, ReportSpec spec, out string subject)
    {
        subject = $"Harassment by {spec.Marker} at FooConf" + (spec.Anonymous ? " [anonymous]" : "");
        var body = new BodyBuilder { TextBody = $"{spec.Marker} followed me around the venue." };
        body.Attachments.Add($"{spec.Marker}-log.txt", Encoding.UTF8.GetBytes($"Chat log {spec.Marker}"), ContentType.Parse("text/plain"));
        var message = ConductMailbox.Message(spec.ReporterAddress, host.Conduct, subject, "");
        message.From.Clear();
        message.From.Add(new MailboxAddress(spec.ReporterName, spec.ReporterAddress));
        message.MessageId = $"{spec.Marker}@reporters.test";
        message.Body = body.ToMessageBody();
        return message;
    }

    /// <summary>The report an emailed message became, once stored, and the receipt code its receipt mail gave the sender.</summary>
    static async Task<FiledReport> StoredAsync(IDoor door, GuaranteesHost host, ReportSpec spec, string subject)
    {
        // Four hosts fill at once (GuaranteesHosts), each polling its mailbox: generous on a loaded machine.
        var deadline = DateTime.UtcNow.AddMinutes(2);
        List<Procedure.Reports.Report> stored;
        while ((stored = await ConductMailbox.ReportsAsync(host, subject)).Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The message \"{subject}\" was not stored as a report.");
            await Task.Delay(250);
        }

        var reference = Assert.Single(stored).Reference;
        var receipt = await host.Inbox.WaitForAsync(
            m => m.IsTo(spec.ReporterAddress) && m.Subject.Contains(reference, StringComparison.Ordinal), timeout: TimeSpan.FromMinutes(2));
        return new(door, spec, reference, CodePattern().Match(await host.Inbox.TextAsync(receipt[0])).Value);
    }

    [GeneratedRegex("COC-[0-9A-Z]{4}-[0-9A-Z]{4}")]
    private static partial Regex ReferencePattern();

    [GeneratedRegex("[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}")]
    private static partial Regex CodePattern();
}
