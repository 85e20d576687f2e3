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
/// Polls the conduct mailbox over IMAP with MailKit. A message is marked imported (a keyword of its own where the
/// server allows one, so a person reading the mailbox in a mail client cannot hide a report by opening it; \Seen
/// otherwise) only after the import returned. A message that fails every import is set aside the same way, with a
/// keyword of its own or \Seen, and an operator who takes the mark off has it tried once more. A message the import
/// defers is left unmarked for a later poll.
/// </summary>
public sealed class ImapConductMailbox(IOptions<MailIntakeOptions> options, ImapSignIn signIn, IMailParser parser, MailQuarantine quarantine, ReplyAddress replies) : IConductMailbox
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
        var keywords = folder.PermanentFlags.HasFlag(MessageFlags.UserDefined);
        var query = keywords ? SearchQuery.NotKeyword(ImportedKeyword).And(SearchQuery.NotKeyword(QuarantinedKeyword)) : SearchQuery.NotSeen;
        if (settings.OnlyAddressedToConduct)
        {
            var local = settings.Address.Split('@')[0];
            query = query.And(SearchQuery.ToContains(local));
        }

        // UIDs name messages only within one UIDVALIDITY of one folder; the hash keeps the mailbox's address out of storage.
        var mailbox = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{settings.ImapHost.ToLowerInvariant()}\n{settings.UserName}\n{folder.FullName}")))[..16];
        var source = string.Create(CultureInfo.InvariantCulture, $"imap-{mailbox}-{folder.UidValidity}");
        var failing = await quarantine.FailingAsync(source, cancellationToken);

        // Taken in turns (MailboxTurns), read from the envelopes alone: however many fail every time or wait for their
        // domain's budget, a poll reaches replies and the next sender's report.
        var uids = await folder.SearchAsync(query, cancellationToken);
        var envelopes = uids.Count == 0 ? [] : await folder.FetchAsync(uids, MessageSummaryItems.UniqueId | MessageSummaryItems.Envelope, cancellationToken);
        var taken = MailboxTurns.Order(
            [.. envelopes.OrderBy(m => m.UniqueId.Id)],
            isReply: IsReply,
            failedBefore: m => failing.ContainsKey(Name(m.UniqueId)),
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
                await MarkAsync(folder, uid, keywords ? ImportedKeyword : null, cancellationToken);
                if (failing.ContainsKey(Name(uid)))
                {
                    await quarantine.ImportedAsync(source, Name(uid), cancellationToken);
                }
            }
            else if (await quarantine.FailedAsync(Door.Email, source, Name(uid), Where(folder, uid), failure, cancellationToken))
            {
                await MarkAsync(folder, uid, keywords ? QuarantinedKeyword : null, cancellationToken);
            }
        }

        await client.DisconnectAsync(quit: true, cancellationToken);
        return handed;
    }

    /// <summary>Written to one of the cases' reply addresses: whether its token verifies is the import's to say.</summary>
    bool IsReply(IMessageSummary message) =>
        message.Envelope is { } envelope && envelope.To.Mailboxes.Concat(envelope.Cc.Mailboxes).Any(a => replies.IsReplyAddress(a.Address));

    static string SenderDomain(IMessageSummary message) => CanonicalAddress.DomainOf(message.Envelope?.From.Mailboxes.FirstOrDefault()?.Address);

    /// <summary>Adds the keyword, or \Seen where the server keeps no keywords.</summary>
    static async Task MarkAsync(IMailFolder folder, UniqueId uid, string? keyword, CancellationToken cancellationToken) =>
        await folder.StoreAsync(
            uid,
            keyword is null
                ? new StoreFlagsRequest(StoreAction.Add, MessageFlags.Seen) { Silent = true }
                : new StoreFlagsRequest(StoreAction.Add, new HashSet<string> { keyword }) { Silent = true },
            cancellationToken);

    static string Name(UniqueId uid) => uid.Id.ToString("D10", CultureInfo.InvariantCulture);

    /// <summary>Where an operator finds the message: nothing it says, nor who sent it.</summary>
    static string Where(IMailFolder folder, UniqueId uid) =>
        string.Create(CultureInfo.InvariantCulture, $"UID {uid.Id} in {folder.FullName}, UIDVALIDITY {folder.UidValidity}");
}
