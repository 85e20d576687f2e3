using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using MimeKit;

namespace CocReports.Testing;

/// <summary>The committee's and reporters' mail, read back through smtp4dev's HTTP API.</summary>
public sealed class Inbox(Uri smtp4dev) : IDisposable
{
    readonly HttpClient http = new(new RetriedReads { InnerHandler = new HttpClientHandler() }) { BaseAddress = smtp4dev };

    /// <summary>
    /// smtp4dev's API answers 500 now and then when read from many tests at once (its log shows SQLite's "unable to
    /// delete/modify collation sequence due to active statements"): a read is tried again, a few times, before it fails.
    /// </summary>
    sealed class RetriedReads : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            for (var attempt = 1; ; attempt++)
            {
                var response = await base.SendAsync(request, cancellationToken);
                if (request.Method != HttpMethod.Get || response.StatusCode != System.Net.HttpStatusCode.InternalServerError || attempt == 5)
                {
                    return response;
                }

                response.Dispose();
                await Task.Delay(200 * attempt, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Every message of the run. Fails if smtp4dev could have dropped any (it keeps a fixed number): "nobody else got
    /// mail" must never be read from a truncated inbox.
    /// </summary>
    public async Task<IReadOnlyList<Mail>> AllAsync()
    {
        var all = new List<Mail>();
        for (var page = 1; ; page++)
        {
            var found = await http.GetFromJsonAsync<MessagePage>($"api/messages?pageSize=5000&page={page}");
            all.AddRange(found!.Results);
            if (page >= found.PageCount)
            {
                var keep = (settings ??= await http.GetFromJsonAsync<ServerSettings>("api/server"))!.NumberOfMessagesToKeep;
                Assert.True(found.RowCount < keep, $"smtp4dev holds {found.RowCount} messages and keeps {keep}: older ones may be gone.");
                return all;
            }
        }
    }

    ServerSettings? settings;

    /// <summary>
    /// How often the server refused mail to <paramref name="address"/> at RCPT TO (550), in the SMTP sessions that ended
    /// since <paramref name="since"/>: a refused mail is never stored, so only smtp4dev's session logs show the attempt.
    /// </summary>
    public async Task<int> RefusalsAsync(string address, DateTimeOffset since)
    {
        var refusals = 0;
        for (var page = 1; ; page++)
        {
            var found = await http.GetFromJsonAsync<SessionPage>($"api/sessions?pageSize=5000&page={page}");
            foreach (var session in found!.Results.Where(s => s.EndDate >= since))
            {
                refusals += Refusals(await http.GetStringAsync($"api/sessions/{session.Id}/log"), address);
            }

            if (page >= found.PageCount)
            {
                var keep = (settings ??= await http.GetFromJsonAsync<ServerSettings>("api/server"))!.NumberOfSessionsToKeep;
                Assert.True(found.RowCount < keep, $"smtp4dev holds {found.RowCount} sessions and keeps {keep}: older ones may be gone.");
                return refusals;
            }
        }
    }

    /// <summary>Each "RCPT TO:&lt;address&gt;" in a session log that the server answered with 550.</summary>
    static int Refusals(string log, string address)
    {
        var lines = log.Split('\n', StringSplitOptions.TrimEntries);
        return lines.Skip(1).Where((answer, i) =>
            lines[i].StartsWith($"RCPT TO:<{address}>", StringComparison.OrdinalIgnoreCase) && answer.StartsWith("550", StringComparison.Ordinal)).Count();
    }

    /// <summary>Waits until at least <paramref name="count"/> messages match, then returns them.</summary>
    public async Task<IReadOnlyList<Mail>> WaitForAsync(Func<Mail, bool> match, int count = 1, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var found = (await AllAsync()).Where(match).ToList();
            if (found.Count >= count)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Expected {count} matching mails, found {found.Count}: {string.Join(" | ", found.Select(m => m.Subject))}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>
    /// Every message about the case: its reference in the subject, in a header (a match with another report names this
    /// one only in its Message-ID) or in the text (the weekly digest lists a member's cases). A message sealed to a
    /// member's OpenPGP key is read as anyone but that member reads it: subject and headers. The yearly transparency
    /// draft names no report; what it counts is checked on the draft itself.
    /// </summary>
    public async Task<IReadOnlyList<Mail>> AboutAsync(string reference)
    {
        var all = await AllAsync();
        await Parallel.ForEachAsync(
            all.Where(m => !m.Subject.Contains(reference, StringComparison.Ordinal)),
            new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (mail, _) => await ReadableAsync(mail));
        return [.. all.Where(m => m.Subject.Contains(reference, StringComparison.Ordinal) || Readable[(http.BaseAddress!, m.Id)].Text.Contains(reference, StringComparison.Ordinal))];
    }

    /// <summary>
    /// When the sender composed the message (its Date header, in whole seconds): unlike the order in which smtp4dev
    /// shows messages, this tells mail written before a moment from mail written after it.
    /// </summary>
    public async Task<DateTimeOffset> ComposedAtAsync(Mail mail) => (await ReadableAsync(mail)).Date;

    /// <summary>Each message's headers, plain text and date, once per run: a message never changes once stored.</summary>
    static readonly ConcurrentDictionary<(Uri Server, string Id), (string Text, DateTimeOffset Date)> Readable = new();

    async Task<(string Text, DateTimeOffset Date)> ReadableAsync(Mail mail)
    {
        if (Readable.TryGetValue((http.BaseAddress!, mail.Id), out var known))
        {
            return known;
        }

        using var stream = await http.GetStreamAsync($"api/messages/{mail.Id}/download");
        using var message = await MimeMessage.LoadAsync(stream);
        Assert.True(message.Headers.Contains(HeaderId.Date), $"Mail {mail.Id} ({mail.Subject}) has no Date header.");
        return Readable[(http.BaseAddress!, mail.Id)] = (string.Join("\n", message.Headers.Select(h => $"{h.Field}: {h.Value}")) + "\n" + message.TextBody, message.Date);
    }

    public Task<string> TextAsync(Mail mail) => http.GetStringAsync($"api/messages/{mail.Id}/plaintext");

    /// <summary>The message as sent, headers and all (threading, Reply-To).</summary>
    public Task<string> RawAsync(Mail mail) => http.GetStringAsync($"api/messages/{mail.Id}/raw");

    public Task<string> HtmlAsync(Mail mail) => http.GetStringAsync($"api/messages/{mail.Id}/html");

    public void Dispose() => http.Dispose();

    sealed record MessagePage(
        [property: JsonPropertyName("results")] List<Mail> Results,
        [property: JsonPropertyName("pageCount")] int PageCount,
        [property: JsonPropertyName("rowCount")] int RowCount);

    sealed record ServerSettings(
        [property: JsonPropertyName("numberOfMessagesToKeep")] int NumberOfMessagesToKeep,
        [property: JsonPropertyName("numberOfSessionsToKeep")] int NumberOfSessionsToKeep);

    sealed record SessionPage(
        [property: JsonPropertyName("results")] List<SessionSummary> Results,
        [property: JsonPropertyName("pageCount")] int PageCount,
        [property: JsonPropertyName("rowCount")] int RowCount);

    sealed record SessionSummary(
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("endDate")] DateTimeOffset? EndDate);
}

public sealed record Mail(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("to")] string[] To,
    [property: JsonPropertyName("subject")] string Subject)
{
    public bool IsTo(string address) => To.Any(t => t.Contains(address, StringComparison.OrdinalIgnoreCase));
}
