namespace CocReports.Procedure.Workflow;

/// <summary>
/// The set of time promises a community makes, chosen with one setting (<c>Workflow:Profile</c>); any promise set on
/// its own still wins. Every page and mail that names a promise reads it from the options, so the form, the receipt
/// and the committee's reminders all say the profile's times.
/// </summary>
public enum ClockProfile
{
    /// <summary>CHAOSS's procedure: acknowledged within 48 hours, followed up within one week.</summary>
    Chaoss,

    /// <summary>
    /// The EU Whistleblower Directive's internal channel, Directive (EU) 2019/1937 Art. 9(1)(b) and (f): receipt
    /// acknowledged within seven days, feedback within three months of the acknowledgment
    /// (https://wiseguard.eu/whistleblower-directive-requirements-on-the-reporting-channels). The follow-up is owed 90
    /// days from receipt, which is never later than three months from an acknowledgment.
    /// </summary>
    EuDirective,
}

/// <summary>The promises of each <see cref="ClockProfile"/>, written onto the options before the community's own settings are bound over them.</summary>
public static class ClockProfiles
{
    public static void Apply(WorkflowOptions options, ClockProfile profile)
    {
        options.Profile = profile;
        if (profile == ClockProfile.EuDirective)
        {
            options.AcknowledgeWithin = TimeSpan.FromDays(7);
            options.AcknowledgeRemindAfter = [TimeSpan.FromDays(3), TimeSpan.FromDays(6)];
            options.FollowUpWithin = TimeSpan.FromDays(90);
            options.FollowUpRemindAfter = [TimeSpan.FromDays(60), TimeSpan.FromDays(83)];
        }
    }
}
