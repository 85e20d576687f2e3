using CocReports.Procedure.Workflow;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CocReports.Api.Tests.Workflow;

/// <summary>One setting picks the promises a community makes; a promise set on its own still wins, as bound by the app.</summary>
public sealed class ClockProfileTests
{
    [Fact]
    public void Without_a_profile_the_promises_are_the_procedures()
    {
        var options = Bound([]);

        Assert.Equal((ClockProfile.Chaoss, TimeSpan.FromHours(48), TimeSpan.FromDays(7)), (options.Profile, options.AcknowledgeWithin, options.FollowUpWithin));
        Assert.Equal([TimeSpan.FromHours(24), TimeSpan.FromHours(44)], options.AcknowledgeRemindAfter);
    }

    [Fact]
    public void The_eu_directive_profile_acknowledges_within_seven_days_and_follows_up_within_three_months()
    {
        var options = Bound(new() { ["Workflow:Profile"] = "EuDirective" });

        Assert.Equal((TimeSpan.FromDays(7), TimeSpan.FromDays(90)), (options.AcknowledgeWithin, options.FollowUpWithin));
        Assert.Equal([TimeSpan.FromDays(3), TimeSpan.FromDays(6)], options.AcknowledgeRemindAfter);
        Assert.Equal([TimeSpan.FromDays(60), TimeSpan.FromDays(83)], options.FollowUpRemindAfter);
    }

    [Fact]
    public void A_promise_set_on_its_own_wins_over_the_profile()
    {
        var options = Bound(new()
        {
            ["Workflow:Profile"] = "EuDirective",
            ["Workflow:AcknowledgeWithin"] = "5.00:00:00",
            ["Workflow:AcknowledgeRemindAfter:0"] = "4.00:00:00",
        });

        Assert.Equal((TimeSpan.FromDays(5), TimeSpan.FromDays(90)), (options.AcknowledgeWithin, options.FollowUpWithin));
        Assert.Equal([TimeSpan.FromDays(4)], options.AcknowledgeRemindAfter);
    }

    static WorkflowOptions Bound(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection().AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddWorkflowOptions();
        return services.BuildServiceProvider().GetRequiredService<IOptions<WorkflowOptions>>().Value;
    }
}
