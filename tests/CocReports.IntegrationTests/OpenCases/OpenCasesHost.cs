using CocReports.Testing;

namespace CocReports.IntegrationTests;

/// <summary>
/// A host of its own for the open-cases tests: its own storage, so the open cases are exactly the ones its tests
/// filed, and member addresses of its own, so its mail is told apart in the shared inbox.
/// </summary>
public abstract class OpenCasesHost : LocalHostFixture
{
    readonly string tag = Guid.NewGuid().ToString("N")[..8];

    public string EmailOf(string memberId) => $"{memberId}-{tag}@open-cases.test";

    protected override void Configure(IDictionary<string, string?> settings)
    {
        for (var i = 0; i < Members.Length; i++)
        {
            settings[$"Committee:Members:{i}:Email"] = EmailOf(Members[i].Id);
        }
    }

    /// <summary>This week's digest due since an hour ago, looked for every <paramref name="checkEvery"/>.</summary>
    protected static void DigestDue(IDictionary<string, string?> settings, string checkEvery)
    {
        var hourAgo = DateTimeOffset.UtcNow.AddHours(-1);
        settings["OpenCases:WeeklyDigest"] = "true";
        settings["OpenCases:DigestDay"] = hourAgo.DayOfWeek.ToString();
        settings["OpenCases:DigestAt"] = hourAgo.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        settings["OpenCases:CheckEvery"] = checkEvery;
    }
}

/// <summary>The page's host: acknowledgment due within 2 s, so a case falls overdue quickly; no digest.</summary>
public sealed class OpenCasesPageHost : OpenCasesHost
{
    protected override void Configure(IDictionary<string, string?> settings)
    {
        base.Configure(settings);
        settings["Workflow:AcknowledgeWithin"] = "00:00:02";
        settings["Workflow:AcknowledgeRemindAfter:0"] = "00:00:01";
        settings["OpenCases:WeeklyDigest"] = "false";
    }
}

/// <summary>The digest's host: this week's digest due since an hour ago, looked for every second.</summary>
public sealed class OpenCasesDigestHost : OpenCasesHost
{
    protected override void Configure(IDictionary<string, string?> settings)
    {
        base.Configure(settings);
        DigestDue(settings, checkEvery: "00:00:01");
    }
}

/// <summary>The audit anchor's host: this week's digest due, sent when the test runs it (the timer's first look is an hour away).</summary>
public sealed class AuditAnchorHost : OpenCasesHost
{
    protected override void Configure(IDictionary<string, string?> settings)
    {
        base.Configure(settings);
        DigestDue(settings, checkEvery: "01:00:00");
    }
}
