using Azure.Data.Tables;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CocReports.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class GermanFormTests(BrowserFixture host)
{
    [Fact]
    public async Task A_german_page_embedding_the_form_gets_it_in_german_from_the_labels_to_the_confirmation_and_the_report_is_kept_as_german()
    {
        await using var context = await host.NewContextAsync();
        var form = await ReportForm.OpenAsync(context, host.AllowedSite.GermanComponentPage);
        var component = form.Frame.Locator("coc-report-form");

        await Expect(component.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveTextAsync("Einen Verstoß gegen den Verhaltenskodex melden");
        var send = component.GetByRole(AriaRole.Button, new() { Name = "Meldung senden" });
        await Expect(send).ToBeVisibleAsync();
        // The limits come from the server's form-config and are worded in German too.
        await Expect(form.Frame.Locator("#f-evidence-limits")).ToContainTextAsync("jede bis zu 1 MB");

        await send.ClickAsync();
        await Expect(form.Summary.GetByRole(AriaRole.Link)).ToHaveTextAsync(["Beschreiben Sie, was passiert ist.", "Wählen Sie, ob das Komitee Sie kontaktieren darf."]);

        await component.GetByLabel("Was ist passiert?").FillAsync("Beleidigungen im Projekt-Chat, gemeldet über das eingebettete Formular.");
        await component.GetByLabel("Nein, ich möchte anonym bleiben").CheckAsync();
        await send.ClickAsync();

        await Expect(form.Done).ToBeVisibleAsync();
        await Expect(form.Done.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Ihre Meldung wurde gesendet");
        // The test host's promises are 8 and 16 seconds.
        await Expect(form.Done).ToContainTextAsync("8 Sekunden für die Bestätigung Ihrer Meldung und 16 Sekunden für eine ausführliche Rückmeldung");
        await Expect(form.Done.GetByRole(AriaRole.Button, new() { Name = "Bestätigungscode kopieren" })).ToBeVisibleAsync();
        var reference = (await form.Frame.Locator("#done-reference").TextContentAsync())!.Trim();
        Assert.Matches(ReportForm.ReferencePattern(), reference);

        // So the reporter's mails and status page are German as well.
        var row = (await host.Reports.GetEntityAsync<TableEntity>(reference, "report")).Value;
        Assert.Equal("de", row.GetString("Language"));
    }
}
