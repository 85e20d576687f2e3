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
            return new() { ["add"] = $"Line {unreadable + 1} names no identifier: write an email address, an @handle, a profile URL, an IP address or a name." };
        }

        return lines.Count == 0 && Removals(form).Count == 0
            ? new() { ["add"] = "Nothing was changed: add an identifier, or tick one that is wrong." }
            : [];
    }

    public async Task<IResult> ActAsync(CaseContext context, IFormCollection form, CancellationToken cancellationToken)
    {
        var added = Lines(form).SelectMany(Identifiers.From).DistinctBy(i => i.Canonical).ToList();
        var removed = 0;
        var save = new CaseChange { Keep = async ct => { removed = await SaveAsync(context, added, Removals(form), ct); return true; }, Event = CaseEventKind.IdentifiersChanged };
        await desk.ActAsync(context, save, cancellationToken);

        var page = new HtmlPage("Identifiers saved").Heading("The identifiers were saved.")
            .Paragraph(string.Create(CultureInfo.InvariantCulture, $"{added.Count} added, {removed} removed. Members who may see both this report and another that may name the same person are told by email; no one else is."));
        var matches = await patterns.ForMemberAsync(context.Reference, context.MemberId, cancellationToken);
        if (matches.Count > 0)
        {
            page.Subheading("The reported person may be named in other reports");
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
        var form = new ActionForm(
            $"Identifiers of the reported person in report {context.Reference}",
            "Other reports sharing one of these identifiers are shown to the members who may see both. The match index keeps only keyed hashes, so identifiers members add are listed by kind only.",
            "Save the identifiers");

        (string, string)[] matched = [.. taken.Where(t => !removed.ContainsKey(t.Hash.Hash)).Select(t => (t.Hash.Hash, Describe(t.Identifier)))];
        if (matched.Length > 0)
        {
            form.Checks("remove", "Taken from the report: tick any that are wrong", matched);
        }

        foreach (var (identifier, hash) in taken.Where(t => removed.ContainsKey(t.Hash.Hash)))
        {
            var by = removed[hash.Hash];
            form.Note($"{Describe(identifier)}: removed by {NameOf(by.MemberId)} on {Texts.Time(by.At)}. Add it again below to match on it again.");
        }

        (string, string)[] added =
        [
            .. indexed
                .Where(i => i.Added is not null && i.Removed is null && taken.All(t => t.Hash.Hash != i.Identifier.Hash))
                .Select(i => (i.Identifier.Hash, $"{KindOf(i.Identifier.Kind)}, added by {NameOf(i.Added!.MemberId)} on {Texts.Time(i.Added.At)}")),
        ];
        if (added.Length > 0)
        {
            form.Checks("remove-added", "Added by members: tick any that are wrong", added);
        }

        return form.Text("add", "Add identifiers the report missed, one per line: an email address, an @handle, a profile URL, an IP address or a name");
    }

    static List<string> Lines(IFormCollection form) =>
        [.. (FormValues.Text(form, "add") ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    static List<string> Removals(IFormCollection form) =>
        [.. form["remove"].Concat(form["remove-added"]).OfType<string>().Where(h => h.Length > 0).Distinct(StringComparer.Ordinal)];

    static string Describe(Identifier identifier) =>
        identifier.Kind == "handle" ? $"{KindOf(identifier.Kind)}: @{identifier.Value}" : $"{KindOf(identifier.Kind)}: {identifier.Value}";

    static string KindOf(string kind) => kind switch
    {
        "email" => "Email address",
        "handle" => "Handle on any platform (a weaker match)",
        "ip" => "IP address",
        "name" => "Name",
        "github" => "GitHub profile",
        "gitlab" => "GitLab profile",
        "codeberg" => "Codeberg profile",
        "x" => "X (Twitter) profile",
        "bluesky" => "Bluesky profile",
        "linkedin" => "LinkedIn profile",
        "reddit" => "Reddit profile",
        "stackoverflow" => "Stack Overflow profile",
        _ => "Identifier",
    };

    string NameOf(string memberId) => committee.Value.NameOf(memberId);
}
