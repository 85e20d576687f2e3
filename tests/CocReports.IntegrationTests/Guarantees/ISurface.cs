namespace CocReports.IntegrationTests.Guarantees;

/// <summary>Something a person can learn about a report from. Every surface is listed in <see cref="Surfaces.All"/>.</summary>
public interface ISurface
{
    string Name { get; }

    Reader Reader { get; }

    /// <summary>Whether it names the reports it shows (a count does not).</summary>
    bool NamesReports { get; }

    /// <summary>What the look's reader learns here, as text: the status and body of a page, every mail, every row.</summary>
    Task<string> ReadAsync(Look look);
}

/// <summary>Who reads a surface.</summary>
public enum Reader
{
    /// <summary>A committee member, by the links their mail brings them.</summary>
    Member,

    /// <summary>The reporter, in their mailbox and on the status page with their receipt code.</summary>
    Reporter,

    /// <summary>Anyone else the product writes to (organizers, escalation contacts), and whoever holds the storage account.</summary>
    Others,
}

/// <summary>
/// A reading of the surfaces: by <paramref name="MemberId"/> (on a member's surface), about <paramref name="Report"/>,
/// counting no mail in <paramref name="MailBefore"/> (what arrived before the promise applied, such as the mail a
/// member got before recusing).
/// </summary>
public sealed record Look(GuaranteesHost Host, string MemberId, FiledReport Report, IReadOnlySet<string> MailBefore);
