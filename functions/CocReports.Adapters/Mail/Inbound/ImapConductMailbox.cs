using CocReports.Procedure.Intake.Mail;
using CocReports.Procedure.Storage;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CocReports.Adapters.Mail.Inbound;

/// <summary>
/// Polls the conduct mailbox over IMAP with MailKit. A message is marked imported (a keyword of its own where the
/// server allows one, so a person reading the mailbox in a mail client cannot hide a report by opening it; \Seen
/// otherwise) only after the import returned.
/// </summary>
public sealed class ImapConductMailbox(IOptions<MailIntakeOptions> options, IMailParser parser, ILogger<ImapConductMailbox> log) : IConductMailbox
{
    public const string ImportedKeyword = "$CocImported";

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
        if (settings.AccessToken is { Length: > 0 } token)
        {
            await client.AuthenticateAsync(new SaslMechanismOAuth2(settings.UserName, token), cancellationToken);
        }
        else
        {
            await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", cancellationToken);
        }

        var folder = await client.GetFolderAsync(settings.Folder, cancellationToken);
        await folder.OpenAsync(FolderAccess.ReadWrite, cancellationToken);
        var keyword = folder.PermanentFlags.HasFlag(MessageFlags.UserDefined);
        var query = keyword ? SearchQuery.NotKeyword(ImportedKeyword) : SearchQuery.NotSeen;
        if (settings.OnlyAddressedToConduct)
        {
            var local = settings.Address.Split('@')[0];
            query = query.And(SearchQuery.ToContains(local));
        }

        var handed = 0;
        foreach (var uid in (await folder.SearchAsync(query, cancellationToken)).Take(MaxPerPoll))
        {
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
                    // One unreadable message must not hold back the others; it stays unmarked and is tried again next poll.
                    log.LogError("A message in the conduct mailbox could not be imported ({Reason}); it will be tried again", e.GetType().Name);
                    continue;
                }
            }

            if (keyword)
            {
                await folder.StoreAsync(uid, new StoreFlagsRequest(StoreAction.Add, new HashSet<string> { ImportedKeyword }) { Silent = true }, cancellationToken);
            }
            else
            {
                await folder.StoreAsync(uid, new StoreFlagsRequest(StoreAction.Add, MessageFlags.Seen) { Silent = true }, cancellationToken);
            }

            handed++;
        }

        await client.DisconnectAsync(quit: true, cancellationToken);
        return handed;
    }
}
