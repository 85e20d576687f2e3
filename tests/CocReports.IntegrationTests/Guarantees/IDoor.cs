namespace CocReports.IntegrationTests.Guarantees;

/// <summary>A way a report comes in. Every door is listed in <see cref="Doors.All"/>, and every promise is tried on each.</summary>
public interface IDoor
{
    string Name { get; }

    /// <summary>Whether a reporter coming through this door can name members to keep out of the report.</summary>
    bool KeepsMembersOut { get; }

    /// <summary>Whether the door answers an anonymous reporter once, with the receipt, where they wrote from (docs/reporters.md: by email).</summary>
    bool AnswersAnonymousMail { get; }

    /// <summary>
    /// Files the report as a reporter (or the organizer with them) would through this door, with the spec's markers in
    /// every field the door accepts, and returns once the report is stored, with what the reporter was given.
    /// </summary>
    Task<FiledReport> FileAsync(GuaranteesHost host, ReportSpec spec);
}

/// <summary>
/// What to file: <paramref name="Marker"/> in everything the reporter writes, <paramref name="Identity"/> in who they
/// are (their name and the address they give), both unique to one report, so that no other test's report or mail can
/// contain them.
/// </summary>
public sealed record ReportSpec(string Marker, string Identity, bool Anonymous, string? KeepOut)
{
    public static ReportSpec New(bool anonymous = false, string? keepOut = null) => new(NewMarker(), NewMarker(), anonymous, keepOut);

    public string ReporterAddress => $"{Identity}@reporters.test";

    public string ReporterName => $"Rita {Identity}";

    /// <summary>Found in any casing, and in nothing else: a test's own string.</summary>
    static string NewMarker() => "mk" + Guid.NewGuid().ToString("N")[..20];
}

/// <summary>A report as a door stored it, with the reference and receipt code its reporter was given.</summary>
public sealed record FiledReport(IDoor Door, ReportSpec Spec, string Reference, string ReceiptCode)
{
    public override string ToString() => $"{Door.Name} {Reference}";
}
