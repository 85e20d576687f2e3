using System.Text.Json;
using CocReports.Procedure.Rendering;
using CocReports.Procedure.Timeline;
using CocReports.Procedure.Workflow;

namespace CocReports.Procedure.Tests.Timeline;

public sealed class CaseStepTests
{
    [Fact]
    public void Every_step_the_reporter_sees_has_its_words_on_the_status_page_in_every_language()
    {
        foreach (var language in Texts.Shipped)
        {
            var texts = Texts.For(language);
            Assert.All(CaseStep.All.Where(s => s.ShownToReporter), step => Assert.NotEmpty(texts[$"Status.Step.{step.Name}"]));
        }
    }

    [Fact]
    public void Every_case_event_writes_a_step_of_its_own()
    {
        var steps = Enum.GetValues<CaseEventKind>().Select(CaseStep.Of).ToList();

        Assert.Equal(steps.Count, steps.Distinct().Count());
    }

    [Fact]
    public void Reminders_and_escalations_never_reach_the_reporter_and_only_escalations_count_as_missed()
    {
        foreach (var promise in Enum.GetValues<PromiseKind>())
        {
            Assert.False(CaseStep.Nudge(promise, overdue: false).ShownToReporter);
            Assert.Null(CaseStep.Nudge(promise, overdue: false).Misses);
            Assert.Equal(promise, CaseStep.Nudge(promise, overdue: true).Misses);
        }
    }

    [Fact]
    public void A_step_travels_as_its_stored_name_and_an_unknown_name_stays_for_members_only()
    {
        var entry = new TimelineEntry(DateTimeOffset.UnixEpoch, CaseStep.Acknowledged, "sam");
        var json = JsonSerializer.Serialize(entry);

        Assert.Contains($"\"Step\":\"{CaseStep.Acknowledged.Name}\"", json, StringComparison.Ordinal);
        Assert.Equal(entry, JsonSerializer.Deserialize<TimelineEntry>(json));

        var unknown = JsonSerializer.Deserialize<TimelineEntry>(json.Replace(CaseStep.Acknowledged.Name, "SomethingNew", StringComparison.Ordinal))!;
        Assert.Equal("SomethingNew", unknown.Step.Name);
        Assert.False(unknown.Step.ShownToReporter);
        Assert.DoesNotContain(unknown.Step, CaseStep.All);
    }
}
