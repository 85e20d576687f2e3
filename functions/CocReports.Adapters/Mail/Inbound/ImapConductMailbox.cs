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
/// keywords, a kept or set-aside message also carries a keyword a person reading the mailbox can see. A message the
/// import defers (its sender domain's or the door's budget spent) is left as it is for a later poll.
/// </summary>
public sealed class ImapConductMailbox(IOptions<MailIntakeOptions> options, ImapSignIn signIn, IMailParser parser, MailQuarantine quarantine, IImportedMessages imported, ReplyAddress replies) : IConductMailbox
{
    public const string ImportedKeyword = "$CocImported";

    public const string QuarantinedKeyword = "$CocQuarantined";

    /// <summary>One poll imports at most this many; the rest wait for the next, so a flood cannot hold the timer forever.</summary>
    const int MaxPerPoll = 50;

    public async Task<int> PollAsync(Func<InboundMail, CancellationToken, Task<MailTaken>> import, CancellationToken cancellationToken)
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

        // Taken in turns (MailboxTurns), read from the envelopes and sizes alone: however many fail every time or wait
        // for their domain's budget, a poll reaches replies and the next sender's report.
        var pending = waiting.Where(uid => !done.Contains(Name(uid))).ToList();
        var summaries = pending.Count == 0
            ? []
            : await folder.FetchAsync(pending, MessageSummaryItems.UniqueId | MessageSummaryItems.Envelope | MessageSummaryItems.Size, cancellationToken);
        var taken = MailboxTurns.Order(
            [.. summaries.OrderBy(m => m.UniqueId.Id)],
            isReply: IsReply,
            failedBefore: m => failures.ContainsKey(Name(m.UniqueId)),
            senderDomain: SenderDomain);
        var handed = 0;
        var doorFull = false;
        var deferredDomains = new HashSet<string>(StringComparer.Ordinal);
        foreach (var message in taken)
        {
            // Once the door is full, only replies are worth fetching: they come first, so the rest waits for a later poll.
            if (handed == MaxPerPoll || (doorFull && !IsReply(message)))
            {
                break;
            }

            // A domain over its budget has its other messages left unfetched for this poll, and uncounted.
            if (!IsReply(message) && deferredDomains.Contains(SenderDomain(message)))
            {
                continue;
            }

            var uid = message.UniqueId;
            var size = (long)(message.Size ?? 0);
            if (size > settings.MaxMessageBytes)
            {
                await quarantine.TooLargeAsync(Door.Email, source, Name(uid), Where(folder, uid), size, settings.MaxMessageBytes, cancellationToken);
                await MarkAsync(folder, uid, keywords, QuarantinedKeyword, cancellationToken);
                continue;
            }

            handed++;
            Exception? failure = null;
            var outcome = MailTaken.Imported;

            // On disk rather than in memory: a message may carry a report's whole evidence.
            await using (var raw = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous))
            {
                await using (var fetched = await folder.GetStreamAsync(uid, cancellationToken))
                {
                    await fetched.CopyToAsync(raw, cancellationToken);
                }

                try
                {
                    outcome = await import(await parser.ParseAsync(raw, cancellationToken), cancellationToken);
                }
                catch (Exception e) when (e is not (StorageUnavailableException or OperationCanceledException))
                {
                    // One message that cannot be imported must not hold back the others.
                    failure = e;
                }
            }

            if (failure is null && outcome != MailTaken.Imported)
            {
                doorFull |= outcome == MailTaken.DoorFull;
                if (outcome == MailTaken.Deferred)
                {
                    deferredDomains.Add(SenderDomain(message));
                }
            }
            else if (failure is null)
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

    /// <summary>Written to one of the cases' reply addresses: whether its token verifies is the import's to say.</summary>
    bool IsReply(IMessageSummary message) =>
        message.Envelope is { } envelope && envelope.To.Mailboxes.Concat(envelope.Cc.Mailboxes).Any(a => replies.IsReplyAddress(a.Address));

    static string SenderDomain(IMessageSummary message) => CanonicalAddress.DomainOf(message.Envelope?.From.Mailboxes.FirstOrDefault()?.Address);

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
