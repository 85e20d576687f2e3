using Azure.Data.Tables;
using CocReports.Api.OpenCases;
using CocReports.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CocReports.IntegrationTests;

public sealed class OpenCasesDigestTests(OpenCasesDigestHost host) : IClassFixture<OpenCasesDigestHost>
{
    [Fact]
    public async Task The_digest_mails_each_member_their_open_cases_once_and_nothing_when_nothing_is_open()
    {
        // With nothing open, a run of the digest sends nothing and records nothing.
        await host.Services.GetRequiredService<OpenCasesDigest>().RunAsync(CancellationToken.None);
        Assert.Empty(await LedgerAsync());

        var fields = Submissions.Fields(Submissions.NewReporter(), "The organiser of the sprint shouted at me.");
        fields["excludedMembers"] = "alex";
        var reference = (await Submissions.SubmitAsync(host.Http, Submissions.Multipart(fields))).Reference;

        // The host looks every second; members are mailed in committee order, so Kim's digest comes after Alex was passed over.
        var digests = await host.Inbox.WaitForAsync(m => IsDigest(m) && (m.IsTo(host.EmailOf("sam")) || m.IsTo(host.EmailOf("kim"))), 2);
        await host.Services.GetRequiredService<OpenCasesDigest>().RunAsync(CancellationToken.None); // a replayed timer

        var all = (await host.Inbox.AllAsync()).Where(IsDigest).ToList();
        Assert.Single(all, m => m.IsTo(host.EmailOf("sam")));
        Assert.Single(all, m => m.IsTo(host.EmailOf("kim")));
        Assert.DoesNotContain(all, m => m.IsTo(host.EmailOf("alex")));
        Assert.Equal(2, (await LedgerAsync()).Count);

        var text = await host.Inbox.TextAsync(digests[0]);
        Assert.Contains(reference, text, StringComparison.Ordinal);
        Assert.Contains("The report form | Acknowledge by", text, StringComparison.Ordinal);
        Assert.Contains("/api/open-cases?token=", text, StringComparison.Ordinal);
        Assert.DoesNotContain("shouted", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Rita Reporter", text, StringComparison.Ordinal);
        Assert.DoesNotContain("/view?token=", text, StringComparison.Ordinal);
    }

    static bool IsDigest(Mail mail) => mail.Subject.Contains("Your open cases, week of", StringComparison.Ordinal);

    async Task<List<TableEntity>> LedgerAsync()
    {
        var rows = new List<TableEntity>();
        await foreach (var row in host.Reports.QueryAsync<TableEntity>(e => e.PartitionKey == OpenCasesDigest.Ledger))
        {
            rows.Add(row);
        }

        return rows;
    }
}
