using CocReports.Testing;

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
/// counting only the mail <paramref name="Mail"/> lets through.
/// </summary>
public sealed record Look(GuaranteesHost Host, string MemberId, FiledReport Report, MailSince Mail);

/// <summary>
/// The mail a promise is about: what was composed once it applied (a member's mail from before they recused was theirs
/// to have), except the messages it allows by name (the receipt an anonymous email's sender is answered with).
/// Mail is told apart by when the product composed it, not by when the inbox shows it, which can be later.
/// </summary>
public sealed record MailSince(DateTimeOffset From, IReadOnlySet<string> Except)
{
    public static MailSince Ever { get; } = new(DateTimeOffset.MinValue, new HashSet<string>());

    public MailSince(DateTimeOffset from)
        : this(from, new HashSet<string>())
    {
    }

    /// <remarks>
    /// A Date header has whole seconds, so the moment is rounded up: mail composed before it never counts, and mail
    /// composed within the same second after it is not read (the promises tested here are broken, if at all, by mail
    /// that comes much later: a reminder, a digest, a notice).
    /// </remarks>
    public async Task<bool> CountsAsync(Inbox inbox, Mail mail)
    {
        if (Except.Contains(mail.Id))
        {
            return false;
        }

        if (From == DateTimeOffset.MinValue)
        {
            return true;
        }

        var wholeSecond = From.AddTicks(-(From.Ticks % TimeSpan.TicksPerSecond));
        var roundedUp = wholeSecond == From ? From : wholeSecond.AddSeconds(1);
        return await inbox.ComposedAtAsync(mail) >= roundedUp;
    }
}
