using System.Globalization;
using CocReports.Api.Pages;
using CocReports.Procedure.Committee;
using CocReports.Procedure.Links;
using CocReports.Procedure.Patterns;
using CocReports.Procedure.Rendering;
using CocReports.Procedure.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CocReports.Api.CaseActions;

/// <summary>
/// "Identifiers of the reported person … can be added or corrected by members on the case page." The member sees the
/// identifiers taken from the report (derived from its text as the page is made: the index holds hashes only) and
/// those members added (by kind, who and when: what they said is kept nowhere in plaintext), adds what the report
/// missed, and removes what is wrong. Members who may see both this report and one it now matches are told by email.
/// </summary>
public sealed class IdentifyAction(ReportPatterns patterns, CaseDesk desk, IOptions<CommitteeOptions> committee, ActionLinks links) : ICaseAction
{
    public CaseAction Action => CaseAction.Identify;

    public bool NeedsStepUp => true;

    public ActionForm Form(CaseContext context) => Build(context, []);

    public bool WaitsForDeclaration => true;

    public async Task<ActionForm> FormAsync(CaseContext context, CancellationToken cancellationToken) =>
        Build(context, await patterns.IndexedAsync(context.Reference, cancellationToken));

    public Dictionary<string, string> Validate(CaseContext context, IFormCollection form)
    {
        var lines = Lines(form);
        var unreadable = lines.FindIndex(line => Identifiers.From(line).Count == 0);
        if (unreadable >= 0)
        {
            return new() { ["add"] = context.T.Format("Action.Identify.Unreadable", unreadable + 1) };
        }

        return lines.Count == 0 && Removals(form).Count == 0
            ? new() { ["add"] = context.T["Action.Identify.Nothing"] }
            : [];
    }

    public async Task<IResult> ActAsync(CaseContext context, IFormCollection form, CancellationToken cancellationToken)
    {
        var added = Lines(form).SelectMany(Identifiers.From).DistinctBy(i => i.Canonical).ToList();
        var removed = 0;
        var save = new CaseChange { Keep = async ct => { removed = await SaveAsync(context, added, Removals(form), ct); return true; }, Event = CaseEventKind.IdentifiersChanged };
        await desk.ActAsync(context, save, cancellationToken);

        var page = new HtmlPage(context.T["Action.Identify.Done.Title"], language: context.T.Language).Heading(context.T["Action.Identify.Done.Heading"])
            .Paragraph(context.T.Format("Action.Identify.Done.Text", added.Count, removed));
        var matches = await patterns.ForMemberAsync(context.Reference, context.MemberId, cancellationToken);
        if (matches.Count > 0)
        {
            page.Subheading(context.T["Action.Identify.Others"]);
            foreach (var match in matches)
            {
                page.Link(match.Line, links.Create(match.Reference, context.MemberId, CaseAction.View).PathAndQuery);
            }
        }

        return page;
    }

    /// <returns>How many identifiers were removed.</returns>
    async Task<int> SaveAsync(CaseContext context, List<Identifier> added, List<string> removals, CancellationToken cancellationToken)
    {
        var change = new IdentifierChange(context.MemberId, context.Now);
        if (added.Count > 0)
        {
            await patterns.AddAsync(context.Reference, added, change, cancellationToken);
        }

        // Only identifiers of this report can be removed: those taken from its text and those the index holds for it.
        var known = patterns.TakenFrom(context.Report).Select(t => t.Hash)
            .Concat((await patterns.IndexedAsync(context.Reference, cancellationToken)).Select(i => i.Identifier))
            .DistinctBy(h => h.Hash)
            .ToDictionary(h => h.Hash, StringComparer.Ordinal);
        var wrong = removals.Where(known.ContainsKey).Select(h => known[h]).ToList();
        if (wrong.Count > 0)
        {
            await patterns.RemoveAsync(context.Reference, wrong, change, cancellationToken);
        }

        return wrong.Count;
    }

    ActionForm Build(CaseContext context, IReadOnlyList<IndexedIdentifier> indexed)
    {
        var removed = indexed.Where(i => i.Removed is not null).ToDictionary(i => i.Identifier.Hash, i => i.Removed!, StringComparer.Ordinal);
        var taken = patterns.TakenFrom(context.Report);
        var t = context.T;
        var form = new ActionForm(t.Format("Action.Identify.Heading", context.Reference), t["Action.Identify.Explain"], t["Action.Identify.Button"], t.Language);

        (string, string)[] matched = [.. taken.Where(t => !removed.ContainsKey(t.Hash.Hash)).Select(taken => (taken.Hash.Hash, Describe(taken.Identifier, t)))];
        if (matched.Length > 0)
        {
            form.Checks("remove", t["Action.Identify.Taken"], matched);
        }

        foreach (var (identifier, hash) in taken.Where(t => removed.ContainsKey(t.Hash.Hash)))
        {
            var by = removed[hash.Hash];
            form.Note(t.Format("Action.Identify.Removed", Describe(identifier, t), NameOf(by.MemberId), Texts.Time(by.At)));
        }

        (string, string)[] added =
        [
            .. indexed
                .Where(i => i.Added is not null && i.Removed is null && taken.All(x => x.Hash.Hash != i.Identifier.Hash))
                .Select(i => (i.Identifier.Hash, t.Format("Action.Identify.AddedBy", KindOf(i.Identifier.Kind, t), NameOf(i.Added!.MemberId), Texts.Time(i.Added.At)))),
        ];
        if (added.Length > 0)
        {
            form.Checks("remove-added", t["Action.Identify.AddedLegend"], added);
        }

        return form.Text("add", t["Action.Identify.Add"]);
    }

    static List<string> Lines(IFormCollection form) =>
        [.. (FormValues.Text(form, "add") ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    static List<string> Removals(IFormCollection form) =>
        [.. form["remove"].Concat(form["remove-added"]).OfType<string>().Where(h => h.Length > 0).Distinct(StringComparer.Ordinal)];

    static string Describe(Identifier identifier, Texts t) =>
        identifier.Kind == "handle" ? $"{KindOf(identifier.Kind, t)}: @{identifier.Value}" : $"{KindOf(identifier.Kind, t)}: {identifier.Value}";

    static string KindOf(string kind, Texts t) =>
        t[kind is "email" or "handle" or "ip" or "name" or "github" or "gitlab" or "codeberg" or "x" or "bluesky" or "linkedin" or "reddit" or "stackoverflow"
            ? $"Action.Identify.Kind.{kind}"
            : "Action.Identify.Kind.other"];

    string NameOf(string memberId) => committee.Value.NameOf(memberId);
}
