namespace CocReports.BrowserTests;

/// <summary>
/// A browser host of its own for a whole case run from the pages: its own storage, so the open-cases page lists only
/// the cases its test filed, and the shipped settings a community starts with. The promises are days long, as
/// deployed (no reminder or escalation fires while the member works, so the timeline holds only what the member
/// did), and committee mail carries no report content (<c>Notifications:Content</c> None, the default).
/// </summary>
public sealed class CommitteeDayHost : BrowserFixture
{
    protected override void Configure(IDictionary<string, string?> settings)
    {
        base.Configure(settings);
        settings["Community:Name"] = "Example Community";
        settings["Notifications:Content"] = "None";
        settings["Workflow:AcknowledgeWithin"] = "2.00:00:00";
        settings["Workflow:AcknowledgeRemindAfter:0"] = "1.00:00:00";
        settings["Workflow:FollowUpWithin"] = "7.00:00:00";
        settings["Workflow:FollowUpRemindAfter:0"] = "5.00:00:00";
        settings["Workflow:StatusUpdateGrace"] = "1.00:00:00";
        settings["Workflow:RetentionPeriod"] = "365.00:00:00";
        settings["Workflow:RetentionWarningBefore"] = "14.00:00:00";
        settings["OpenCases:WeeklyDigest"] = "false";
    }
}
