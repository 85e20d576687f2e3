using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CocReports.Procedure.Intake.Mail;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Microsoft.Extensions.Options;

namespace CocReports.Adapters.Mail.Inbound;

/// <summary>
/// Polls the conduct mailbox over IMAP with MailKit. Which messages were imported is recorded in storage by the
/// folder's UIDVALIDITY and each message's UID (<see cref="IImportedMessages"/>), never read from a flag a person sets
/// by opening the message in a mail client (\Seen). Once its import returned, a message is removed from the mailbox or
/// kept (<see cref="MailIntakeOptions.ImportedMail"/>). One larger than <see cref="MailIntakeOptions.MaxMessageBytes"/>
/// is set aside by its size without being downloaded, and one that fails every import is set aside too
/// (<see cref="MailQuarantine"/>); neither is ever removed, so an operator can look at it. Where the server keeps
/// keywords, a kept or set-aside message also carries a keyword a person reading the mailbox can see.
/// </summary>
public sealed class ImapConductMailbox(IOptions<MailIntakeOptions> options, ImapSignIn signIn, IMailParser parser, MailQuarantine quarantine, IImportedMessages imported) : IConductMailbox
{
    public const string ImportedKeyword = "$CocImported";

    public const string QuarantinedKeyword = "$CocQuarantined";

    /// <summary>One poll imports at most this many; the rest wait for the next, so a flood cannot hold the timer forever.</summary>
    const int MaxPerPoll = 50;

    public async Task<int> PollAsync(Func<InboundMail, CancellationToken, Task> import, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (string.IsNullOrEmpty(settings.ImapHost))
        {
            return 0;
        }

        using var client = new ImapClient();
        await client.ConnectAsync(settings.ImapHost, settings.ImapPort, Enum.Parse<SecureSocketOptions>(settings.ImapSecurity, ignoreCase: true), cancellationToken);
        await signIn.SignInAsync(client, cancellationToken);

        var folder = await client.GetFolderAsync(settings.Folder, cancellationToken);
        await folder.OpenAsync(FolderAccess.ReadWrite, cancellationToken);

        // Every message, read or not. The keyword only this service writes (before storage recorded imports, too) is
        // left out where the server keeps keywords; storage decides for the rest.
        var keywords = folder.PermanentFlags.HasFlag(MessageFlags.UserDefined);
        var query = settings.OnlyAddressedToConduct ? SearchQuery.ToContains(settings.Address.Split('@')[0]) : SearchQuery.All;
        if (keywords)
        {
            query = query.And(SearchQuery.NotKeyword(ImportedKeyword));
        }

        // UIDs name messages only within one UIDVALIDITY of one folder; the hash keeps the mailbox's address out of storage.
        var mailbox = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{settings.ImapHost.ToLowerInvariant()}\n{settings.UserName}\n{folder.FullName}")))[..16];
        var source = string.Create(CultureInfo.InvariantCulture, $"imap-{mailbox}-{folder.UidValidity}");
        var failures = await quarantine.FailuresAsync(source, cancellationToken);
        var waiting = (await folder.SearchAsync(query, cancellationToken))
            .Where(uid => !MailQuarantine.SetAside(failures.GetValueOrDefault(Name(uid))))
            .ToList();
        if (waiting.Count == 0)
        {
            await client.DisconnectAsync(quit: true, cancellationToken);
            return 0;
        }

        // Only records that can name a message still here are read: with Delete, none of the messages imported and gone.
        var done = await imported.ImportedAsync(source, Name(waiting.Min()), cancellationToken);
        var removed = new List<UniqueId>(waiting.Where(uid => done.Contains(Name(uid))));

        // Messages never tried come first: however many fail every time, a poll reaches the next report.
        var taken = waiting
            .Where(uid => !done.Contains(Name(uid)))
            .OrderBy(uid => failures.ContainsKey(Name(uid)))
            .ThenBy(uid => uid.Id)
            .Take(MaxPerPoll)
            .ToList();
        var sizes = taken.Count == 0
            ? []
            : (await folder.FetchAsync(taken, MessageSummaryItems.UniqueId | MessageSummaryItems.Size, cancellationToken)).ToDictionary(m => m.UniqueId, m => (long)(m.Size ?? 0));
        var handed = 0;
        foreach (var uid in taken)
        {
            var size = sizes.GetValueOrDefault(uid);
            if (size > settings.MaxMessageBytes)
            {
                await quarantine.TooLargeAsync(Door.Email, source, Name(uid), Where(folder, uid), size, settings.MaxMessageBytes, cancellationToken);
                await MarkAsync(folder, uid, keywords, QuarantinedKeyword, cancellationToken);
                continue;
            }

            handed++;
            Exception? failure = null;

            // On disk rather than in memory: a message may carry a report's whole evidence.
            await using (var raw = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous))
            {
                await using (var fetched = await folder.GetStreamAsync(uid, cancellationToken))
                {
                    await fetched.CopyToAsync(raw, cancellationToken);
                }

                try
                {
                    await import(await parser.ParseAsync(raw, cancellationToken), cancellationToken);
                }
                catch (Exception e) when (e is not (StorageUnavailableException or OperationCanceledException))
                {
                    // One message that cannot be imported must not hold back the others.
                    failure = e;
                }
            }

            if (failure is null)
            {
                // Recorded before the mailbox is touched: a crash in between leaves a message recorded and still here,
                // which the next poll removes (or keeps) without importing it again.
                await imported.RecordAsync(source, Name(uid), cancellationToken);
                if (failures.ContainsKey(Name(uid)))
                {
                    await quarantine.ImportedAsync(source, Name(uid), cancellationToken);
                }

                removed.Add(uid);
            }
            else if (await quarantine.FailedAsync(Door.Email, source, Name(uid), Where(folder, uid), failure, cancellationToken))
            {
                await MarkAsync(folder, uid, keywords, QuarantinedKeyword, cancellationToken);
            }
        }

        if (settings.ImportedMail == ImportedMail.Delete)
        {
            await DeleteAsync(client, folder, removed, cancellationToken);
        }
        else
        {
            foreach (var uid in removed)
            {
                await MarkAsync(folder, uid, keywords, ImportedKeyword, cancellationToken);
            }
        }

        await client.DisconnectAsync(quit: true, cancellationToken);
        return handed;
    }

    /// <summary>
    /// Marks the messages \Deleted and expunges exactly them with UID EXPUNGE where the server offers it (UIDPLUS,
    /// https://datatracker.ietf.org/doc/html/rfc4315.html section 2.1). Elsewhere they are left marked for the server or
    /// the mailbox's owner to expunge: a plain EXPUNGE would also remove every message someone else marked \Deleted,
    /// and MailKit's stand-in for UID EXPUNGE unmarks and marks those again around one (its ImapFolder.ExpungeAsync
    /// documentation), which a client working in the mailbox at that moment would see undone.
    /// </summary>
    static async Task DeleteAsync(ImapClient client, IMailFolder folder, List<UniqueId> uids, CancellationToken cancellationToken)
    {
        if (uids.Count == 0)
        {
            return;
        }

        await folder.StoreAsync(uids, new StoreFlagsRequest(StoreAction.Add, MessageFlags.Deleted) { Silent = true }, cancellationToken);
        if (client.Capabilities.HasFlag(ImapCapabilities.UidPlus))
        {
            await folder.ExpungeAsync(uids, cancellationToken);
        }
    }

    /// <summary>A keyword a person reading the mailbox sees, where the server keeps keywords.</summary>
    static async Task MarkAsync(IMailFolder folder, UniqueId uid, bool keywords, string keyword, CancellationToken cancellationToken)
    {
        if (keywords)
        {
            await folder.StoreAsync(uid, new StoreFlagsRequest(StoreAction.Add, new HashSet<string> { keyword }) { Silent = true }, cancellationToken);
        }
    }

    static string Name(UniqueId uid) => uid.Id.ToString("D10", CultureInfo.InvariantCulture);

    /// <summary>Where an operator finds the message: nothing it says, nor who sent it.</summary>
    static string Where(IMailFolder folder, UniqueId uid) =>
        string.Create(CultureInfo.InvariantCulture, $"UID {uid.Id} in {folder.FullName}, UIDVALIDITY {folder.UidValidity}");
}
