using System.Collections;
using System.Reflection;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Resolution;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Workflow;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CocReports.Procedure.Tests.Resolution;

/// <summary>
/// Retention keeps the allow-list and nothing else. Reports and messages are generated with every settable property
/// filled, found by reflection: a field added later is filled too, and must be on the allow-list to survive.
/// </summary>
public sealed class RetentionTests
{
    static readonly Gen<string> Text =
        from words in Gen.Elements("Harassment by A. Smith", "at FooConf", "reporter@example.org", "proof.png", "<id@mail>", "Ada").NonEmptyListOf()
        from n in Gen.Choose(0, 9999)
        select $"{string.Join(' ', words)} {n}";

    static readonly Gen<DateTimeOffset> Moment =
        from seconds in Gen.Choose(0, 400_000_000)
        select new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(seconds);

    /// <summary>Any report from any door, every field filled: what the form, the email doors and an organizer can store.</summary>
    static readonly Arbitrary<Report> AnyReport =
        Filled(() => new Report("", default, new ReportDetails { Description = "" }, [], "")).ToArbitrary();

    static readonly Arbitrary<CaseMessage[]> AnyMessages =
        Filled(() => new CaseMessage { Id = "", Kind = default, At = default, From = "" }).NonEmptyListOf().Select(m => m.ToArray()).ToArbitrary();

    /// <summary>What a cleared field reads as: a report that says nothing (its description the removal notice).</summary>
    static readonly Report Blank = new("", default, new ReportDetails { Description = Retention.Removed }, [], "");

    static readonly CaseMessage BlankMessage = new() { Id = "", Kind = default, At = default, From = "" };

    [Property(MaxTest = 300)]
    public Property Every_field_of_a_report_left_after_retention_is_on_the_allow_list_and_every_other_is_cleared() =>
        Prop.ForAll(AnyReport, report => Assert.Empty(Unexpected(Retention.Kept(report), report, Blank, Retention.KeptFields)));

    [Property(MaxTest = 300)]
    public Property Only_resolutions_and_published_statements_are_left_of_a_cases_messages_and_of_them_only_the_allow_list() =>
        Prop.ForAll(AnyMessages, messages =>
        {
            var left = messages.Where(m => m.Kind is CaseMessageKind.Resolution or CaseMessageKind.PublicStatement).ToList();
            var kept = Retention.Kept(messages);
            Assert.Equal(left.Count, kept.Count);
            Assert.All(kept.Zip(left), pair => Assert.Empty(Unexpected(
                pair.First, pair.Second, BlankMessage, pair.Second.Kind == CaseMessageKind.PublicStatement ? Retention.KeptStatementFields : Retention.KeptMessageFields)));
        });

    [Fact]
    public void The_allow_list_names_fields_that_exist()
    {
        var paths = Paths(typeof(Report), "").ToHashSet();
        Assert.Subset(paths, Retention.KeptFields.ToHashSet());
        Assert.Subset(Paths(typeof(CaseMessage), "").ToHashSet(), Retention.KeptMessageFields.ToHashSet());
    }

    /// <summary>
    /// The paths ("Details.Location") whose kept value is not what the allow-list says: the original's when allowed,
    /// the blank's otherwise.
    /// </summary>
    static List<string> Unexpected(object kept, object original, object blank, IReadOnlySet<string> allowed, string prefix = "")
    {
        var unexpected = new List<string>();
        foreach (var property in Settable(kept.GetType()))
        {
            var path = prefix + property.Name;
            var (k, o, b) = (property.GetValue(kept), property.GetValue(original), property.GetValue(blank));
            if (property.PropertyType == typeof(ReportDetails))
            {
                unexpected.AddRange(Unexpected(k!, o!, b!, allowed, path + "."));
            }
            else if (!Same(k, allowed.Contains(path) ? o : b))
            {
                unexpected.Add(path);
            }
        }

        return unexpected;
    }

    static IEnumerable<string> Paths(Type type, string prefix) =>
        Settable(type).SelectMany(p => p.PropertyType == typeof(ReportDetails) ? Paths(p.PropertyType, p.Name + ".") : [prefix + p.Name]);

    static bool Same(object? a, object? b) =>
        Equals(a, b) || (a is IEnumerable x && b is IEnumerable y && a is not string && x.Cast<object>().SequenceEqual(y.Cast<object>()));

    static IEnumerable<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true });

    /// <summary>Sets every settable property of a fresh <typeparamref name="T"/> to a generated value.</summary>
    static Gen<T> Filled<T>(Func<T> fresh) =>
        Gen.CollectToArray(Settable(typeof(T)), p => ValueOf(p.PropertyType).Select(v => (Property: p, Value: v)))
            .Select(values =>
            {
                var filled = fresh();
                foreach (var (property, value) in values)
                {
                    property.SetValue(filled, value);
                }

                return filled;
            });

    static Gen<object?> ValueOf(Type type) =>
        Nullable.GetUnderlyingType(type) is { } underlying ? ValueOf(underlying)
        : type == typeof(string) ? Text.Select(s => (object?)s)
        : type == typeof(bool) ? Gen.Elements<object?>(true, false)
        : type == typeof(DateTimeOffset) ? Moment.Select(m => (object?)m)
        : type.IsEnum ? Gen.Elements(Enum.GetValues(type).Cast<object?>().ToArray())
        : type == typeof(ReportDetails) ? Filled(() => new ReportDetails { Description = "" }).Select(d => (object?)d)
        : type == typeof(IReadOnlyList<string>) ? Text.NonEmptyListOf().Select(l => (object?)l.ToArray())
        : type == typeof(IReadOnlyList<EvidenceFile>) ? (
            from files in (from blob in Text from name in Text from contentType in Text from length in Gen.Choose(1, 1 << 20) from sha in Text
                           select new EvidenceFile(blob, name, contentType, length, sha)).NonEmptyListOf()
            select (object?)files.ToArray())
        : type == typeof(IReadOnlyList<RefusedEvidence>) ? (
            from refused in (from name in Text from reason in Text select new RefusedEvidence(name, reason)).NonEmptyListOf()
            select (object?)refused.ToArray())
        : type == typeof(Appeal) ? (from of in Text from party in Gen.Elements(AppealParty.Reporter, AppealParty.ReportedPerson) from ground in Text select (object?)new Appeal(of, party, ground))
        : type == typeof(WorkflowOptions) ? Gen.Choose(1, 500).Select(hours => (object?)new WorkflowOptions { AcknowledgeWithin = TimeSpan.FromHours(hours) })
        : throw new NotSupportedException($"A field of type {type} has no generator yet: add one, so retention is tested on it too.");
}
