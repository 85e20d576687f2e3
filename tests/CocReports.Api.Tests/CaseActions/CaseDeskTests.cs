using CocReports.Api.CaseActions;
using CocReports.Api.Tests.InMemory;
using CocReports.Procedure.Intake;
using CocReports.Procedure.Links;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Timeline;
using CocReports.Procedure.Transparency;
using CocReports.Procedure.Workflow;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static CocReports.Api.Tests.InMemory.InMemoryCases;

namespace CocReports.Api.Tests.CaseActions;

/// <summary>
/// The case desk carries out what members do from their links, through the actions' endpoint as a browser posts it:
/// the rule on the case, what is stored, the step, the audit entry and the event, on in-memory stores.
/// </summary>
public sealed class CaseDeskTests
{
    readonly InMemoryCases cases = new();

    [Fact]
    public async Task The_first_acknowledgment_wins_and_a_second_member_is_told_it_was_already_acknowledged_with_nothing_stored()
    {
        var first = await cases.PostAsync("ada", CaseAction.Acknowledge);
        var second = await cases.PostAsync("grace", CaseAction.Acknowledge);

        Assert.Contains("Thank you. The report is acknowledged.", first.Html, StringComparison.Ordinal);
        Assert.Contains("This report was already acknowledged.", second.Html, StringComparison.Ordinal);
        Assert.Contains("Another member acknowledged it first. Nothing was changed.", second.Html, StringComparison.Ordinal);
        Assert.Equal("ada", (await cases.States.GetCaseStateAsync(Reference, default)).AcknowledgedBy);
        Assert.Equal([new TimelineEntry(cases.Clock.GetUtcNow(), CaseStep.Acknowledged, "ada")], await cases.Timeline.ReadAsync(Reference, default));
        Assert.Equal([("ada", CaseEventKind.Acknowledged)], cases.Workflow.Told.Select(t => (t.Event.MemberId, t.Event.Kind)));
    }

    [Fact]
    public async Task A_member_who_left_the_committee_finds_every_link_of_theirs_refused_at_once_while_the_others_act()
    {
        Assert.Contains("Acknowledge", (await cases.OpenAsync("ada", CaseAction.Acknowledge)).Html, StringComparison.Ordinal);

        cases.Committee.Members.RemoveAll(m => m.Id == "ada");
        var refused = await cases.PostAsync("ada", CaseAction.Acknowledge);
        var shown = await cases.OpenAsync("ada", CaseAction.Resolve);

        Assert.Equal(403, refused.StatusCode);
        Assert.Contains("This link no longer works.", refused.Html, StringComparison.Ordinal);
        Assert.Contains("This link no longer works.", shown.Html, StringComparison.Ordinal);
        Assert.Null((await cases.States.GetCaseStateAsync(Reference, default)).AcknowledgedAt);
        Assert.Empty(cases.Workflow.Told);
        Assert.Contains("Thank you. The report is acknowledged.", (await cases.PostAsync("grace", CaseAction.Acknowledge)).Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_action_the_case_refuses_stores_nothing_tells_the_workflow_nothing_and_is_audited()
    {
        await cases.PostAsync("ada", CaseAction.Resolve, Resolution("A warning was given."));
        var told = cases.Workflow.Told.Count;
        var steps = (await cases.Timeline.ReadAsync(Reference, default)).Count;

        var again = await cases.PostAsync("grace", CaseAction.Resolve, Resolution("The account was banned."));

        Assert.Contains("This report was already resolved.", again.Html, StringComparison.Ordinal);
        Assert.Equal("A warning was given.", Assert.Single(await cases.Messages.GetMessagesAsync(Reference, default)).Actions);
        Assert.Equal(steps, (await cases.Timeline.ReadAsync(Reference, default)).Count);
        Assert.Equal(told, cases.Workflow.Told.Count);
        Assert.Empty(cases.Untold.Marked);
        Assert.Equal(
            [("ada", "action:resolve", true), ("grace", "action:resolve", true)],
            cases.Audit.Entries(Reference).Select(e => (e.MemberId, e.What, e.Allowed)));
    }

    [Fact]
    public async Task When_the_engine_cannot_be_reached_the_member_is_thanked_and_the_sweep_tells_the_workflow_once_it_answers()
    {
        cases.Workflow.Reachable = false;

        var page = await cases.PostAsync("ada", CaseAction.Acknowledge);

        Assert.Equal(200, page.StatusCode);
        Assert.Contains("Thank you. The report is acknowledged.", page.Html, StringComparison.Ordinal);
        Assert.Equal("ada", (await cases.States.GetCaseStateAsync(Reference, default)).AcknowledgedBy);
        Assert.Empty(cases.Workflow.Told);
        var untold = Assert.Single(cases.Untold.Marked);
        Assert.Equal((Reference, CaseEventKind.Acknowledged, "ada"), (untold.Reference, untold.Event.Kind, untold.Event.MemberId));

        cases.Workflow.Reachable = true;
        var options = new IntakeOptions();
        cases.Clock.Advance(options.SweepGrace + TimeSpan.FromSeconds(1));
        var sweep = new CaseEventSweep(cases.Untold, Options.Create(options), cases.Clock, NullLogger<CaseEventSweep>.Instance);

        Assert.Equal(1, await sweep.RunAsync(cases.Workflow, default));
        Assert.Equal([untold.Event], cases.Workflow.Told.Select(t => t.Event));
        Assert.Empty(cases.Untold.Marked);
    }

    [Fact]
    public async Task A_member_who_recused_can_no_longer_open_the_case_s_links_and_the_others_still_can()
    {
        var recused = await cases.PostAsync("ada", CaseAction.Recuse);

        Assert.Contains("You have recused yourself.", recused.Html, StringComparison.Ordinal);
        Assert.Equal(["ada"], (await cases.States.GetCaseStateAsync(Reference, default)).RecusedMembers);
        Assert.Equal([CaseEventKind.Recused], cases.Workflow.Told.Select(t => t.Event.Kind));
        var ada = await cases.OpenAsync("ada", CaseAction.Ask);
        Assert.Equal(403, ada.StatusCode);
        Assert.Contains("This link no longer works.", ada.Html, StringComparison.Ordinal);
        Assert.Equal(200, (await cases.OpenAsync("grace", CaseAction.Ask)).StatusCode);
    }

    [Fact]
    public async Task Resolving_stores_the_outcome_and_tells_the_workflow_it_was_resolved()
    {
        var page = await cases.PostAsync("grace", CaseAction.Resolve, Resolution("The account was banned."));

        Assert.Contains("The report is resolved.", page.Html, StringComparison.Ordinal);
        Assert.Equal(cases.Clock.GetUtcNow(), (await cases.States.GetCaseStateAsync(Reference, default)).ResolvedAt);
        var outcome = Assert.Single(await cases.Messages.GetMessagesAsync(Reference, default));
        Assert.Equal(
            (CaseMessageKind.Resolution, Finding.Yes, "The account was banned.", "grace"),
            (outcome.Kind, outcome.Violation, outcome.Actions, outcome.From));
        var told = Assert.Single(cases.Workflow.Told);
        Assert.Equal((CaseEventKind.Resolved, "grace", outcome.Id), (told.Event.Kind, told.Event.MemberId, told.Event.MessageId));
    }

    [Fact]
    public async Task The_desk_decides_then_stores_then_records_the_step_then_audits_then_tells_the_workflow()
    {
        await cases.PostAsync("ada", CaseAction.Resolve, Resolution("A warning was given."));

        Assert.Equal(["state", "message", "step", "audit", "told"], cases.Journal.Entries);
    }

    static (string, string)[] Resolution(string actions) =>
    [
        ("violation", "yes"),
        ("incidentType", new TransparencyOptions().IncidentTypes[0]),
        ("actions", actions),
        ("publicSummary", "A member was rude in a review."),
    ];
}
