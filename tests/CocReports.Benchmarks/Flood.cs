using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using MailKit.Search;
using MailKit.Security;
using MimeKit;

namespace CocReports.Benchmarks;

/// <summary>
/// `./bench.sh flood`: a flood queued in smtp4dev's real IMAP mailbox (most of it from plus-variants of one address,
/// the rest from as many domains as messages), then one report filed through the form while the host's poll works
/// through the flood. Watched for a fixed time, then printed: what the door did with the flood (imported, deferred,
/// quarantined), the answers its senders were sent, the committee's notices and how long the form report's took,
/// and the elapsed time. Figures, no assertion.
/// </summary>
sealed class FloodBenchmark(HttpClient api, HttpClient smtp4dev, int smtpPort, int imapPort, string conduct)
{
    const string Victim = "victim";

    public async Task RunAsync(int messages, TimeSpan watch, int members, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var subject = $"Flood {Guid.NewGuid():N}";
        var oneAddress = messages * 7 / 10;
        using (var smtp = new SmtpClient())
        {
            await smtp.ConnectAsync("127.0.0.1", smtpPort, SecureSocketOptions.None, cancellationToken);
            for (var i = 0; i < messages; i++)
            {
                var from = i < oneAddress ? $"{Victim}+{i}@example.org" : $"sender@flood-{i}.test";
                var message = new MimeMessage { Subject = $"{subject} {i}", Body = new TextPart("plain") { Text = $"Flood message {i}." } };
                message.From.Add(MailboxAddress.Parse(from));
                message.To.Add(MailboxAddress.Parse(conduct));
                await smtp.SendAsync(message, cancellationToken);
            }

            await smtp.DisconnectAsync(true, cancellationToken);
        }

        var queued = started.Elapsed;
        Progress($"flood: {messages:N0} messages queued in {queued.TotalSeconds:F1} s; filing one report through the form");
        var filed = DateTimeOffset.UtcNow;
        var reference = await FileAsync(cancellationToken);

        var door = new DoorCount(0, 0, 0);
        while (started.Elapsed - queued < watch)
        {
            await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken);
            door = await CountDoorAsync(subject, messages, cancellationToken);
            Progress($"flood: {door.Imported} imported, {door.Deferred} deferred, {door.Quarantined} quarantined after {(started.Elapsed - queued).TotalSeconds:F0} s");
        }

        var mails = await MailsAsync(cancellationToken);
        var formNotices = mails.Where(m => m.Subject.StartsWith("New Code of Conduct report " + reference, StringComparison.Ordinal)).ToList();
        var floodNotices = mails.Count(m => m.Subject.StartsWith("New Code of Conduct report", StringComparison.Ordinal)) - formNotices.Count;
        var answers = mails.Where(m => m.To.Any(t => t.Contains($"{Victim}+", StringComparison.OrdinalIgnoreCase) || t.Contains("@flood-", StringComparison.OrdinalIgnoreCase))).ToList();
        var formLate = formNotices.Count == 0 ? (TimeSpan?)null : formNotices.Max(m => m.Received) - filed;

        Console.WriteLine();
        Console.WriteLine($"Flood on the email door: {messages:N0} messages ({oneAddress:N0} from plus-variants of one address, {messages - oneAddress:N0} from as many domains), watched for {watch.TotalSeconds:F0} s");
        Console.WriteLine($"  queued in smtp4dev's IMAP mailbox in {queued.TotalSeconds:F1} s");
        Console.WriteLine($"  imported {door.Imported:N0}   deferred (left in the mailbox) {door.Deferred:N0}   quarantined {door.Quarantined:N0}");
        Console.WriteLine($"  answers sent to the flood's senders {answers.Count:N0} ({answers.Count(m => m.To.Any(t => t.Contains($"{Victim}+", StringComparison.OrdinalIgnoreCase)))} to the one address's variants)");
        Console.WriteLine($"  committee notices of flood reports {floodNotices:N0} ({door.Imported:N0} imported x {members} members = {door.Imported * members:N0} owed)");
        Console.WriteLine(formLate is { } late
            ? $"  the form report's notices: {formNotices.Count} of {members}, the last {late.TotalSeconds:F1} s after filing (on time: {(formNotices.Count == members && late < TimeSpan.FromMinutes(1) ? "yes, within a minute" : "no")})"
            : $"  the form report's notices: none of {members} within the watch (on time: no)");
        Console.WriteLine($"  elapsed {started.Elapsed.TotalSeconds:F0} s");
    }

    async Task<string> FileAsync(CancellationToken cancellationToken)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent("Filed through the form while the email door is flooded."), "description" },
            { new StringContent("anonymous"), "contactChoice" },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/reports") { Content = form };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await api.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("reference").GetString()!;
    }

    /// <summary>The flood's messages as the mailbox holds them: marked imported, marked set aside, or not marked yet.</summary>
    async Task<DoorCount> CountDoorAsync(string subject, int messages, CancellationToken cancellationToken)
    {
        using var imap = new ImapClient();
        await imap.ConnectAsync("127.0.0.1", imapPort, SecureSocketOptions.None, cancellationToken);
        await imap.AuthenticateAsync("bench", "bench", cancellationToken);
        await imap.Inbox.OpenAsync(FolderAccess.ReadOnly, cancellationToken);
        var keywords = imap.Inbox.PermanentFlags.HasFlag(MessageFlags.UserDefined);
        var flood = SearchQuery.SubjectContains(subject);
        var imported = (await imap.Inbox.SearchAsync(flood.And(keywords ? SearchQuery.HasKeyword("$CocImported") : SearchQuery.Seen), cancellationToken)).Count;
        var quarantined = keywords ? (await imap.Inbox.SearchAsync(flood.And(SearchQuery.HasKeyword("$CocQuarantined")), cancellationToken)).Count : 0;
        await imap.DisconnectAsync(true, cancellationToken);
        return new DoorCount(imported, messages - imported - quarantined, quarantined);
    }

    async Task<List<SentMail>> MailsAsync(CancellationToken cancellationToken)
    {
        var mails = new List<SentMail>();
        for (var page = 1; ; page++)
        {
            var found = await smtp4dev.GetFromJsonAsync<JsonElement>($"api/messages?pageSize=5000&page={page}", cancellationToken);
            foreach (var m in found.GetProperty("results").EnumerateArray())
            {
                mails.Add(new SentMail(
                    [.. m.GetProperty("to").EnumerateArray().Select(t => t.GetString() ?? "")],
                    m.GetProperty("subject").GetString() ?? "",
                    DateTimeOffset.Parse(m.GetProperty("receivedDate").GetString()!, CultureInfo.InvariantCulture)));
            }

            if (page >= found.GetProperty("pageCount").GetInt32())
            {
                return mails;
            }
        }
    }

    static void Progress(string step) => Console.Error.WriteLine($"  {DateTime.Now:HH:mm:ss} {step}");

    sealed record DoorCount(int Imported, int Deferred, int Quarantined);

    sealed record SentMail(string[] To, string Subject, DateTimeOffset Received);
}
