using System.Net;
using CocReports.Procedure.Links;
using CocReports.Procedure.Reports;
using CocReports.Testing;
using Microsoft.DurableTask.Client;

namespace CocReports.IntegrationTests.Guarantees;

/// <summary>
/// A host with every door open (the form, the conduct mailbox, the provider's webhook, an organizer at an event),
/// member addresses of its own so its mail is told apart in the shared inbox, and this week's digest due but sent only
/// when a surface reads it (the timer's first look is an hour away). Each promise's class has one, and files a report
/// through every door into it once.
/// </summary>
public abstract class GuaranteesHost : OpenCasesHost
{
    public const string WebhookSecret = "a shared secret for the guarantees suite";

    /// <summary>The organizer whose intake link the organizer door follows, and another at the same event, who is alerted to urgent reports.</summary>
    public const string Organizer = "ada";

    public string Conduct { get; } = $"conduct{Guid.NewGuid():N}"[..20] + "@example.org";

    /// <summary>The transparency draft's period, fixed when the host starts so that a draft read later is of the same period: yesterday to tomorrow, whatever the clock passes.</summary>
    public (DateOnly From, DateOnly To) DraftPeriod { get; } = (DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1), DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1));

    public Uri OrganizerLink() => new OrganizerLinks(new LinkOptions { SigningKey = SigningKey, PublicBaseUrl = BaseUrl }, TimeProvider.System).Create(Organizer);

    /// <summary>Files a report through each door at once.</summary>
    public Task<FiledReport[]> FileThroughAsync(IEnumerable<IDoor> doors, Func<IDoor, ReportSpec> spec) =>
        Task.WhenAll(doors.Select(door => door.FileAsync(this, spec(door))));

    /// <summary>A member's action from the link their mail brings, posted as its form posts it.</summary>
    public async Task ActAsync(string reference, string memberId, CaseAction action, Dictionary<string, string>? fields = null)
    {
        // The workflow must be running to hear of it: an emailed report's starts as it is imported.
        await EventuallyAsync(async () => await Workflows.GetInstanceAsync(WorkflowInstance.For(reference)) is not null, $"{reference} has no workflow.");
        if (Declarations.WaitFor(Services, action))
        {
            await Declarations.NoneAsync(Http, Links(), reference, memberId);
        }

        var link = Links().Create(reference, memberId, action);
        fields ??= [];
        fields["token"] = MailLinks.Token(link);
        using var response = await Http.PostAsync(link.AbsolutePath, new FormUrlEncodedContent(fields));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{action} by {memberId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public Task ResolveAsync(string reference) => ActAsync(reference, "alex", CaseAction.Resolve, new()
    {
        ["violation"] = "yes",
        ["incidentType"] = "Disrupting discussions or events",
        ["actions"] = "A warning was given.",
        ["publicSummary"] = "A participant was warned.",
    });

    public static async Task EventuallyAsync(Func<Task<bool>> condition, string failure, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(250);
        }
    }

    protected override void Configure(IDictionary<string, string?> settings)
    {
        base.Configure(settings);
        ConductMailbox.Configure(settings, Conduct, WebhookSecret);
        string[] organizers = [Organizer, "grace"];
        for (var i = 0; i < organizers.Length; i++)
        {
            settings[$"Organizers:People:{i}:Id"] = organizers[i];
            settings[$"Organizers:People:{i}:Name"] = organizers[i] + " Organizer";
            settings[$"Organizers:People:{i}:Email"] = $"{organizers[i]}-{Conduct}";
            settings[$"Organizers:People:{i}:Event"] = "TestConf";
            settings[$"Organizers:People:{i}:EventDates"] = "12-14 June";
        }

        DigestDue(settings, checkEvery: "01:00:00");
    }
}
