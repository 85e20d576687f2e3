namespace CocReports.Adapters.Mail.Acs;

/// <summary>The two parts of an ACS connection string: <c>endpoint=https://...;accesskey=BASE64</c>.</summary>
internal sealed record AcsConnectionString(Uri Endpoint, byte[] AccessKey)
{
    public static AcsConnectionString Parse(string connectionString)
    {
        Uri? endpoint = null;
        byte[]? key = null;
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var separator = part.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0)
                continue;
            var name = part[..separator];
            var value = part[(separator + 1)..];
            if (name.Equals("endpoint", StringComparison.OrdinalIgnoreCase))
                endpoint = new Uri(value, UriKind.Absolute);
            else if (name.Equals("accesskey", StringComparison.OrdinalIgnoreCase))
                key = Convert.FromBase64String(value);
        }
        return new AcsConnectionString(
            endpoint ?? throw new FormatException("The ACS connection string has no endpoint."),
            key ?? throw new FormatException("The ACS connection string has no accesskey."));
    }
}
