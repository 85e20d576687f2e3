using System.Net;
using System.Net.Sockets;

namespace CocReports.Procedure.Limits;

/// <summary>
/// The address a rate limit counts against. Behind the platform's front end the connection comes from the front end,
/// so the client is the last entry of X-Forwarded-For: the one the front end appended. Earlier entries are whatever
/// the client sent and are ignored. Entries may carry a port ("203.0.113.7:50000", "[2001:db8::1]:443"); see
/// https://learn.microsoft.com/aspnet/core/host-and-deploy/proxy-load-balancer#forwarded-headers.
/// </summary>
public static class ClientAddress
{
    /// <summary>
    /// The key to count against: an IPv4 address, or an IPv6 address's /64 network, since one subscriber holds a
    /// whole /64 and could otherwise take a fresh address for every request.
    /// </summary>
    public static string Of(string? forwardedFor, IPAddress? connection, bool trustForwardedFor)
    {
        var address = trustForwardedFor && Parse(forwardedFor?.Split(',')[^1].Trim()) is { } forwarded ? forwarded : connection;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes) + "/64";
        }

        return address.ToString();
    }

    static IPAddress? Parse(string? entry)
    {
        if (string.IsNullOrEmpty(entry))
        {
            return null;
        }

        if (IPAddress.TryParse(entry, out var plain))
        {
            return plain;
        }

        // "host:port" or "[v6]:port"
        var colon = entry.LastIndexOf(':');
        var host = colon > 0 ? entry[..colon].Trim('[', ']') : entry;
        return IPAddress.TryParse(host, out var withPort) ? withPort : null;
    }
}
