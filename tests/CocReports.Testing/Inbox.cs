using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace CocReports.Testing;

/// <summary>The committee's and reporters' mail, read back through smtp4dev's HTTP API.</summary>
public sealed class Inbox(Uri smtp4dev) : IDisposable
{
    readonly HttpClient http = new() { BaseAddress = smtp4dev };

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
                keep ??= (await http.GetFromJsonAsync<ServerSettings>("api/server"))!.NumberOfMessagesToKeep;
                Assert.True(found.RowCount < keep, $"smtp4dev holds {found.RowCount} messages and keeps {keep}: older ones may be gone.");
                return all;
            }
        }
    }

    int? keep;

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

    public async Task<IReadOnlyList<Mail>> AboutAsync(string reference) =>
        (await AllAsync()).Where(m => m.Subject.Contains(reference, StringComparison.Ordinal)).ToList();

    public Task<string> TextAsync(Mail mail) => http.GetStringAsync($"api/messages/{mail.Id}/plaintext");

    /// <summary>The message as sent, headers and all (threading, Reply-To).</summary>
    public Task<string> RawAsync(Mail mail) => http.GetStringAsync($"api/messages/{mail.Id}/raw");

    public Task<string> HtmlAsync(Mail mail) => http.GetStringAsync($"api/messages/{mail.Id}/html");

    public void Dispose() => http.Dispose();

    sealed record MessagePage(
        [property: JsonPropertyName("results")] List<Mail> Results,
        [property: JsonPropertyName("pageCount")] int PageCount,
        [property: JsonPropertyName("rowCount")] int RowCount);

    sealed record ServerSettings([property: JsonPropertyName("numberOfMessagesToKeep")] int NumberOfMessagesToKeep);
}

public sealed record Mail(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("to")] string[] To,
    [property: JsonPropertyName("subject")] string Subject)
{
    public bool IsTo(string address) => To.Any(t => t.Contains(address, StringComparison.OrdinalIgnoreCase));
}
