using System.Text.RegularExpressions;

namespace CocReports.Benchmarks;

/// <summary>One kind of storage request, as Azure bills it: a service, what the request touched, and the operation.</summary>
/// <param name="Owner">"engine" for the durable engine's task hub (its tables, queues, leases), "product" for the rest.</param>
sealed record StorageKind(string Service, string Owner, string Operation)
{
    /// <summary>Polls and lease renewals run whether or not a report arrives: the idle cost, not a report's.</summary>
    public bool IsBackground => Operation is "dequeue (poll)" or "lease" or "peek";

    public override string ToString() => $"{Service} {Owner} {Operation}";
}

/// <summary>
/// Counts the requests Azurite served, read from its access logs (one Azurite process per service, so a log line's
/// service is known). A window is two marks; the counts between them are every storage operation made by anyone in
/// that time: intake, activities and the durable engine alike. The benchmark's own reads come after a window closes.
/// </summary>
sealed partial class StorageRequests(string logDirectory, string taskHub)
{
    static readonly string[] Services = ["blob", "queue", "table"];

    public StorageMark Mark() => new(Services.ToDictionary(s => s, s => LineCount(Path.Combine(logDirectory, s + ".log"))));

    /// <summary>The requests made between two marks, by kind.</summary>
    public IReadOnlyDictionary<StorageKind, int> Between(StorageMark from, StorageMark to)
    {
        var counts = new Dictionary<StorageKind, int>();
        foreach (var service in Services)
        {
            var lines = ReadLines(Path.Combine(logDirectory, service + ".log")).Skip(from.Lines[service]).Take(to.Lines[service] - from.Lines[service]);
            foreach (var line in lines)
            {
                if (Request().Match(line) is { Success: true } m)
                {
                    var kind = Classify(service, m.Groups["method"].Value, m.Groups["path"].Value);
                    counts[kind] = counts.GetValueOrDefault(kind) + 1;
                }
            }
        }

        return counts;
    }

    StorageKind Classify(string service, string method, string url)
    {
        var query = url.Contains('?', StringComparison.Ordinal) ? url[(url.IndexOf('?', StringComparison.Ordinal) + 1)..] : "";
        var path = Uri.UnescapeDataString(url.Split('?')[0]);
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToArray(); // drop the account
        var resource = parts.FirstOrDefault() ?? "";
        var owner = resource.StartsWith(taskHub + "-", StringComparison.OrdinalIgnoreCase)
            || resource.StartsWith(taskHub + "History", StringComparison.OrdinalIgnoreCase)
            || resource.StartsWith(taskHub + "Instances", StringComparison.OrdinalIgnoreCase)
            || resource.StartsWith(taskHub.ToLowerInvariant() + "-", StringComparison.Ordinal)
            ? "engine"
            : resource == "$batch" ? "any" : "product";
        var operation = service switch
        {
            "table" => resource switch
            {
                "$batch" => "batch (entity group transaction)",
                _ when resource.StartsWith("Tables", StringComparison.Ordinal) => "table admin",
                _ when resource.Contains("PartitionKey=", StringComparison.Ordinal) && resource.Contains("RowKey=", StringComparison.Ordinal) => method switch
                {
                    "GET" => "point read",
                    "PUT" => "upsert/replace",
                    "MERGE" or "PATCH" => "merge",
                    "DELETE" => "delete",
                    _ => method.ToLowerInvariant(),
                },
                _ => method switch
                {
                    "GET" => "query",
                    "POST" => "insert",
                    _ => method.ToLowerInvariant(),
                },
            },
            "queue" => parts.Length switch
            {
                2 when parts[1] == "messages" => method switch
                {
                    "GET" when query.Contains("peekonly=true", StringComparison.OrdinalIgnoreCase) => "peek",
                    "GET" => "dequeue (poll)",
                    "POST" when resource.EndsWith("-workitems", StringComparison.Ordinal) => "enqueue activity",
                    "POST" => "enqueue",
                    _ => "clear",
                },
                3 when parts[1] == "messages" => method == "DELETE" ? "delete message" : "update message",
                _ => "queue admin",
            },
            _ => query switch
            {
                _ when query.Contains("comp=lease", StringComparison.Ordinal) => "lease",
                _ when query.Contains("comp=blocklist", StringComparison.Ordinal) => "put block list",
                _ when query.Contains("comp=block", StringComparison.Ordinal) => "put block",
                _ when query.Contains("comp=list", StringComparison.Ordinal) => "list",
                _ when query.Contains("restype=container", StringComparison.Ordinal) => "container admin",
                _ => method switch
                {
                    "GET" => "read",
                    "HEAD" => "properties",
                    "PUT" => "put blob",
                    "DELETE" => "delete",
                    _ => method.ToLowerInvariant(),
                },
            },
        };
        return new StorageKind(service, owner, operation);
    }

    static int LineCount(string path) => ReadLines(path).Count();

    // Azurite keeps its logs open for writing.
    static IEnumerable<string> ReadLines(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }

    [GeneratedRegex("\"(?<method>[A-Z]+) (?<path>\\S+) HTTP/")]
    private static partial Regex Request();
}

/// <summary>How many lines each service's access log had at one moment.</summary>
sealed record StorageMark(IReadOnlyDictionary<string, int> Lines);
