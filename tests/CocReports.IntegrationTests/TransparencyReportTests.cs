using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using CocReports.Api.Transparency;
using CocReports.Procedure.Links;
using CocReports.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CocReports.IntegrationTests;

/// <summary>The yearly transparency report as members draft it: a member link from every committee email, a page, the January 1 mail.</summary>
[Collection(LocalHostCollection.Name)]
public sealed class TransparencyReportTests(LocalHostFixture host)
{
    [Fact]
    public async Task Every_committee_email_links_to_the_transparency_page_which_drafts_the_report_without_report_content()
    {
        var reporter = Submissions.NewReporter();
        var secret = "Transparency secret " + Guid.NewGuid().ToString("N");
        var receipt = await Submissions.SubmitAsync(host.Http, Submissions.Multipart(Submissions.Fields(reporter, secret)));
        var mail = (await host.Inbox.WaitForAsync(m => m.Subject.Contains(receipt.Reference, StringComparison.Ordinal) && m.IsTo("alex@committee.test"), 1)).First();
        var link = MailLinks.Find(await host.Inbox.TextAsync(mail), "transparency");

        using var form = await host.Http.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("How the Code of Conduct was promoted", await form.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var fields = new Dictionary<string, string> { ["token"] = MailLinks.Token(link), ["from"] = today, ["to"] = today, ["promotion"] = "We read the Code of Conduct at the start of every meetup." };
        using var draft = await host.Http.PostAsync(link.AbsolutePath, new FormUrlEncodedContent(fields));
        var html = await draft.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        Assert.Contains("We read the Code of Conduct at the start of every meetup.", html, StringComparison.Ordinal);
        Assert.Contains("<pre># ", html, StringComparison.Ordinal); // the Markdown to publish
        Assert.DoesNotContain(secret, html, StringComparison.Ordinal);
        Assert.DoesNotContain(reporter, html, StringComparison.Ordinal);
        Assert.DoesNotContain(receipt.Reference, html, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\| [12] \|", html);
        Assert.Matches("Reports received: \\*\\*(fewer than 3|[0-9]{1,})\\*\\*", html);
    }

    [Fact]
    public async Task A_tampered_transparency_link_drafts_nothing()
    {
        var link = host.Links().CreateTransparency("alex");
        var fields = new Dictionary<string, string> { ["token"] = MailLinks.Token(link) + "x" };

        using var draft = await host.Http.PostAsync(link.AbsolutePath, new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.BadRequest, draft.StatusCode);
        Assert.DoesNotContain("<pre>", await draft.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_january_review_mails_every_member_last_years_draft_with_a_link_to_the_page()
    {
        var year = DateTime.UtcNow.Year - 1;

        await host.Services.GetRequiredService<TransparencyReview>().RunAsync(CancellationToken.None);

        var mails = await host.Inbox.WaitForAsync(m => m.Subject.Contains($"Transparency report {year}: draft for review", StringComparison.Ordinal), LocalHostFixture.Members.Length);
        Assert.All(LocalHostFixture.Members, member => Assert.Contains(mails, m => m.IsTo(member.Email)));
        var text = await host.Inbox.TextAsync(mails[0]);
        Assert.Contains($"Code of Conduct transparency report, {year}", text, StringComparison.Ordinal);
        Assert.Equal("/api/transparency", MailLinks.Find(text, "transparency").AbsolutePath);
    }
}
