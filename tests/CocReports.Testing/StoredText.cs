using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace CocReports.Testing;

/// <summary>
/// Everything a host keeps, read directly from Azurite as text: each property of each row of every table whose name
/// starts with the host's prefix (the durable task hub's included), and each blob's name and content in its containers.
/// </summary>
public static class StoredText
{
    public static async Task<List<(string Where, string Text)>> ReadAsync(LocalHostFixture host)
    {
        var prefix = host.Reports.Name[..^"Reports".Length];
        var stored = new List<(string, string)>();
        var tables = new TableServiceClient(host.StorageConnectionString);
        await foreach (var table in tables.QueryAsync())
        {
            if (!table.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            await foreach (var row in tables.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                foreach (var (property, value) in row)
                {
                    var text = value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
                    stored.Add(($"{table.Name} {row.PartitionKey}/{row.RowKey} {property}", text));
                }
            }
        }

        var blobs = new BlobServiceClient(host.StorageConnectionString);
        await foreach (var container in blobs.GetBlobContainersAsync(prefix: prefix.ToLowerInvariant()))
        {
            var client = blobs.GetBlobContainerClient(container.Name);
            await foreach (var blob in client.GetBlobsAsync())
            {
                var content = (await client.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString();
                stored.Add(($"{container.Name}/{blob.Name}", blob.Name + "\n" + content));
            }
        }

        Assert.True(stored.Count > 0, "Nothing was read: the prefix names none of the host's storage.");
        return stored;
    }
}
