using System.Net;
using CocReports.Testing;

namespace CocReports.IntegrationTests;

/// <summary>
/// Which address a budget counts, over real HTTP. In Azure the platform's front end appends the client's address to
/// X-Forwarded-For, so only the last entry is the client's and earlier ones are whatever the client wrote
/// (https://learn.microsoft.com/aspnet/core/host-and-deploy/proxy-load-balancer#forwarded-headers). Every request here
/// comes from 127.0.0.1, so only the header can tell two clients apart.
/// </summary>
public sealed class ForwardedForTests(ForwardedForTests.BehindFrontEnd behind, ForwardedForTests.FacingClients facing)
    : IClassFixture<ForwardedForTests.BehindFrontEnd>, IClassFixture<ForwardedForTests.FacingClients>
{
    const int StatusLimit = 2;

    [Fact]
    public async Task Behind_the_front_end_each_client_address_it_appended_has_a_budget_of_its_own()
    {
        var client = Documentation(1);
        var other = Documentation(2);

        for (var i = 0; i < StatusLimit; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await OpenStatusAsync(behind, client)).StatusCode);
        }

        // The same client, whatever it wrote before the front end's entry and whichever port it came from.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await OpenStatusAsync(behind, $"{Documentation(3)}, {client}")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await OpenStatusAsync(behind, $"{Documentation(4)}, {client}:50123")).StatusCode);

        // Another client on the same connection still has its budget, also when it writes the first client's address first.
        Assert.Equal(HttpStatusCode.NotFound, (await OpenStatusAsync(behind, $"{client}, {other}")).StatusCode);
    }

    [Fact]
    public async Task Facing_clients_directly_the_header_is_ignored_and_the_connection_is_counted()
    {
        for (var i = 0; i < StatusLimit; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await OpenStatusAsync(facing, Documentation(10 + i))).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await OpenStatusAsync(facing, Documentation(12))).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await OpenStatusAsync(facing, null)).StatusCode);
    }

    // An address for documentation (TEST-NET-3, RFC 5737); each fixture counts in tables of its own.
    static string Documentation(int index) => $"203.0.113.{index}";

    static async Task<HttpResponseMessage> OpenStatusAsync(LocalHostFixture host, string? forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/status")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["reference"] = "COC-ZZZZ-" + Random.Shared.Next(1000, 9999),
                ["receiptCode"] = "WRONG-WRONG-WRONG-WRONG",
            }),
        };
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return await host.Http.SendAsync(request);
    }

    /// <summary>The local host set up as the Functions app runs in Azure: behind a front end that appends X-Forwarded-For.</summary>
    public sealed class BehindFrontEnd : LocalHostFixture
    {
        protected override void Configure(IDictionary<string, string?> settings)
        {
            settings["RateLimits:TrustForwardedFor"] = "true";
            settings["RateLimits:Status:PermitLimit"] = StatusLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings["RateLimits:Status:Window"] = "00:10:00";
        }
    }

    /// <summary>The local host as it ships: nothing in front of it, RateLimits:TrustForwardedFor left at its default.</summary>
    public sealed class FacingClients : LocalHostFixture
    {
        protected override void Configure(IDictionary<string, string?> settings)
        {
            settings["RateLimits:Status:PermitLimit"] = StatusLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings["RateLimits:Status:Window"] = "00:10:00";
        }
    }
}
