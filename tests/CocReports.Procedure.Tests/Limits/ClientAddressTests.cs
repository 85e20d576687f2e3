using System.Net;
using CocReports.Procedure.Limits;

namespace CocReports.Procedure.Tests.Limits;

public class ClientAddressTests
{
    static readonly IPAddress FrontEnd = IPAddress.Parse("10.0.0.4");

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("203.0.113.7:50123", "203.0.113.7")]
    [InlineData("198.51.100.1, 203.0.113.7:50123", "203.0.113.7")]
    [InlineData("[2001:db8:1:2:3:4:5:6]:443", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:ffff:4:5:6", "2001:db8:1:2::/64")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    public void Behind_the_platform_the_client_is_the_entry_the_front_end_appended(string forwardedFor, string expected)
    {
        Assert.Equal(expected, ClientAddress.Of(forwardedFor, FrontEnd, trustForwardedFor: true));
    }

    [Fact]
    public void A_client_cannot_pick_its_address_by_writing_earlier_entries()
    {
        var first = ClientAddress.Of("198.51.100.1, 203.0.113.7", FrontEnd, trustForwardedFor: true);
        var second = ClientAddress.Of("198.51.100.2, 203.0.113.7", FrontEnd, trustForwardedFor: true);

        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData("203.0.113.7")]
    [InlineData(null)]
    public void Where_the_platform_sets_no_header_the_connection_counts_whatever_the_client_wrote(string? forwardedFor)
    {
        Assert.Equal("10.0.0.4", ClientAddress.Of(forwardedFor, FrontEnd, trustForwardedFor: false));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not an address")]
    public void A_missing_or_unreadable_header_falls_back_to_the_connection(string forwardedFor)
    {
        Assert.Equal("10.0.0.4", ClientAddress.Of(forwardedFor, FrontEnd, trustForwardedFor: true));
    }
}
