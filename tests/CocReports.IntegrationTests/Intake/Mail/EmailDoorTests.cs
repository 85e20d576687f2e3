using System.Text;
using Azure.Data.Tables;
using CocReports.Procedure.Intake.Mail;
using CocReports.Procedure.Links;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;
using CocReports.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace CocReports.IntegrationTests;

/// <summary>
/// Reports by email: real messages sent through smtp4dev's SMTP port, polled from its real IMAP server by the local
/// host, each becoming a case that runs the same workflow as the form.
/// </summary>
[Collection(Name)]
public sealed class EmailDoorTests(EmailDoorTests.Host host)
{
    public const string Name = "email door";

    [Fact]
    public async Task A_plain_email_becomes_a_case_the_committee_is_told_came_by_email_and_the_sender_gets_a_threaded_receipt()
    {
        var reporter = Submissions.NewReporter();
        var subject = Unique("Harassment at the meetup");
        var message = ConductMailbox.Message(reporter, host.Conduct, subject, "Someone followed me around the venue after I asked them to stop.");
        await ConductMailbox.SendAsync(message);

        var report = await ReportWithSubjectAsync(subject);
        Assert.Equal(Door.Email, report.Door);
        Assert.Equal(reporter, report.Details.ContactEmail);
        Assert.Contains("followed me around the venue", report.Details.Description, StringComparison.Ordinal);

        var first = (await host.Inbox.WaitForAsync(m => m.Subject.StartsWith("New Code of Conduct report " + report.Reference, StringComparison.Ordinal), LocalHostFixture.Members.Length)).First();
        var committeeText = await host.Inbox.TextAsync(first);
        Assert.Contains("Came in through:\nEmail to the conduct address", committeeText, StringComparison.Ordinal);
        Assert.Contains(subject, committeeText, StringComparison.Ordinal);

        var receipt = Assert.Single(await host.Inbox.WaitForAsync(m => m.IsTo(reporter)));
        Assert.Equal($"We received your report {report.Reference}", receipt.Subject);
        var raw = await host.Inbox.RawAsync(receipt);
        Assert.Contains($"In-Reply-To: <{message.MessageId}>", raw, StringComparison.Ordinal);
        Assert.Matches($@"Reply-To: {Local(host.Conduct)}\+{report.Reference}\.[A-Z2-7]+@example\.org", raw);
        var text = await host.Inbox.TextAsync(receipt);
        Assert.Contains("Your receipt code", text, StringComparison.Ordinal);
        Assert.Contains("/api/status", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_email_asking_for_anonymity_keeps_no_address_and_the_sender_still_gets_the_receipt_code()
    {
        var reporter = Submissions.NewReporter();
        var subject = Unique("[anonymous] Please do not share my name");
        var message = ConductMailbox.Message(reporter, host.Conduct, subject, "A speaker made a joke about my background.");
        message.From.Clear();
        message.From.Add(new MailboxAddress("Sam Reporter", reporter));
        await ConductMailbox.SendAsync(message);

        var report = await ReportWithSubjectAsync(subject);
        Assert.True(report.Details.IsAnonymous);
        Assert.Null(report.Details.ContactName);

        // Nothing stored confirms a guessed sender: not the Message-ID (which names the sender's mail system), and no
        // unkeyed hash of sender, subject and text that a guess could be hashed and compared with.
        var row = (await host.Reports.GetEntityAsync<TableEntity>(report.Reference, "report")).Value;
        Assert.DoesNotContain(row.Keys, k => row[k] is string value && value.Contains(message.MessageId!, StringComparison.Ordinal));
        Assert.True(string.IsNullOrEmpty(row.GetString("ContentHash")), "An emailed report keeps no content hash.");

        var notice = (await host.Inbox.WaitForAsync(m => m.Subject.StartsWith("New Code of Conduct report " + report.Reference, StringComparison.Ordinal))).First();
        var committeeText = await host.Inbox.TextAsync(notice);
        Assert.DoesNotContain(reporter, committeeText, StringComparison.Ordinal);
        Assert.DoesNotContain("Sam Reporter", committeeText, StringComparison.Ordinal);

        var receipt = Assert.Single(await host.Inbox.WaitForAsync(m => m.IsTo(reporter)));
        Assert.Contains("Your receipt code", await host.Inbox.TextAsync(receipt), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_email_the_mailbox_server_did_not_verify_keeps_no_contact_until_its_sender_confirms_from_the_link_mailed_to_them()
    {
        var reporter = Submissions.NewReporter();
        var subject = Unique("Forged from a respected member");
        var message = ConductMailbox.Message(reporter, host.Conduct, subject, "Words the named sender never wrote.");
        message.From.Clear();
        message.From.Add(new MailboxAddress("Respected Member", reporter));
        message.Headers.Remove("Authentication-Results");
        message.Headers.Add("Authentication-Results", $"{ConductMailbox.AuthServId}; spf=softfail smtp.mailfrom=example.net; dmarc=fail (p=NONE) header.from={reporter.Split('@')[1]}");
        message.Headers.Add("Authentication-Results", $"mx.attacker.example; dmarc=pass header.from={reporter.Split('@')[1]}");
        await ConductMailbox.SendAsync(message);

        var report = await ReportWithSubjectAsync(subject);
        Assert.Null(report.Details.ContactEmail);
        Assert.Null(report.Details.ContactName);
        Assert.Equal(reporter, report.UnconfirmedSender);
        Assert.Equal(MailSender.Unconfirmed, report.Sender);

        var notice = (await host.Inbox.WaitForAsync(m => m.IsTo("sam@committee.test") && m.Subject.StartsWith("New Code of Conduct report " + report.Reference, StringComparison.Ordinal))).Single();
        var committeeText = await host.Inbox.TextAsync(notice);
        Assert.Contains("not verified (pending confirmation)", committeeText, StringComparison.Ordinal);

        // The one mail to the From address asks, and tells nothing of the report.
        var ask = Assert.Single(await host.Inbox.WaitForAsync(m => m.IsTo(reporter)));
        var askText = await host.Inbox.TextAsync(ask);
        Assert.DoesNotContain("never wrote", askText, StringComparison.Ordinal);
        Assert.DoesNotContain(subject, askText + ask.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("receipt code", askText, StringComparison.OrdinalIgnoreCase);
        var confirm = MailLinks.Find(askText, "confirm-sender");

        // Opening the link (as a mail scanner would) confirms nothing.
        var page = await host.Http.GetAsync(confirm);
        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<form method=\"post\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null((await ReportWithSubjectAsync(subject)).Details.ContactEmail);

        var confirmed = await host.Http.PostAsync(confirm.AbsolutePath, new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = MailLinks.Token(confirm) }));
        Assert.Equal(System.Net.HttpStatusCode.OK, confirmed.StatusCode);
        var updated = await ReportWithSubjectAsync(subject);
        Assert.Equal(reporter, updated.Details.ContactEmail);
        Assert.Null(updated.UnconfirmedSender);
        Assert.Equal(MailSender.Confirmed, updated.Sender);
        var receipt = (await host.Inbox.WaitForAsync(m => m.IsTo(reporter) && m.Subject == $"We received your report {report.Reference}")).Single();
        var receiptText = await host.Inbox.TextAsync(receipt);
        Assert.Contains("Your receipt code", receiptText, StringComparison.Ordinal);

        // The code the confirmed sender got is the report's: it opens the status page.
        var code = System.Text.RegularExpressions.Regex.Match(receiptText, "[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}").Value;
        using var status = await host.Http.PostAsync("/api/status", new FormUrlEncodedContent(new Dictionary<string, string> { ["reference"] = report.Reference, ["receiptCode"] = code }));
        Assert.Equal(System.Net.HttpStatusCode.OK, status.StatusCode);

        var acknowledge = MailLinks.Find(committeeText, "acknowledge");
        await host.Http.PostAsync(acknowledge.AbsolutePath, new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = MailLinks.Token(acknowledge) }));
        await host.Inbox.WaitForAsync(m => m.IsTo(reporter) && m.Subject.Contains("was acknowledged", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Until_the_sender_confirms_the_committee_workflow_mails_nothing_to_the_unverified_from_address()
    {
        var reporter = Submissions.NewReporter();
        var subject = Unique("Unverified, acknowledged");
        var message = ConductMailbox.Message(reporter, host.Conduct, subject, "Acknowledged before anyone confirmed.");
        message.Headers.Remove("Authentication-Results");
        await ConductMailbox.SendAsync(message);

        var report = await ReportWithSubjectAsync(subject);
        var notice = (await host.Inbox.WaitForAsync(m => m.IsTo("sam@committee.test") && m.Subject.StartsWith("New Code of Conduct report " + report.Reference, StringComparison.Ordinal))).Single();
        var acknowledge = MailLinks.Find(await host.Inbox.TextAsync(notice), "acknowledge");
        var acknowledged = await host.Http.PostAsync(acknowledge.AbsolutePath, new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = MailLinks.Token(acknowledge) }));
        Assert.Equal(System.Net.HttpStatusCode.OK, acknowledged.StatusCode);

        // The acknowledgment's own mail to the committee's reporter would come within the import's and the workflow's
        // time; only the request to confirm reached the From address.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var toSender = await host.Inbox.AllAsync();
        var mine = Assert.Single(toSender, m => m.IsTo(reporter));
        Assert.Contains("confirm-sender", await host.Inbox.TextAsync(mine), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_anonymous_email_from_an_unverified_sender_gets_its_receipt_code_only_once_the_sender_confirms()
    {
        var reporter = Submissions.NewReporter();
        var subject = Unique("[anonymous] Forged or not");
        var message = ConductMailbox.Message(reporter, host.Conduct, subject, "Anonymous, from an address no server vouched for.");
        message.Headers.Remove("Authentication-Results");
        message.Headers.Add("Authentication-Results", $"{ConductMailbox.AuthServId}; spf=softfail smtp.mailfrom=example.net; dmarc=fail (p=NONE) header.from={reporter.Split('@')[1]}");
        await ConductMailbox.SendAsync(message);

        var report = await ReportWithSubjectAsync(subject);
        Assert.True(report.Details.IsAnonymous);
        Assert.Null(report.UnconfirmedSender);
        Assert.Equal(MailSender.Unconfirmed, report.Sender);
        var row = (await host.Reports.GetEntityAsync<TableEntity>(report.Reference, "report")).Value;
        Assert.DoesNotContain(row.Keys, k => row[k] is string value && value.Contains(reporter, StringComparison.OrdinalIgnoreCase));

        var notice = (await host.Inbox.WaitForAsync(m => m.IsTo("sam@committee.test") && m.Subject.StartsWith("New Code of Conduct report " + report.Reference, StringComparison.Ordinal))).Single();
        Assert.DoesNotContain(reporter, await host.Inbox.TextAsync(notice), StringComparison.Ordinal);

        // Import answered the sender and the workflow told the committee: the one mail to the address asks, and holds no code.
        var ask = Assert.Single(await host.Inbox.WaitForAsync(m => m.IsTo(reporter)));
        var askText = await host.Inbox.TextAsync(ask);
        Assert.DoesNotContain("receipt code", askText, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch("[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}", askText);
        Assert.Single(await host.Inbox.AllAsync(), m => m.IsTo(reporter));

        var confirm = MailLinks.Find(askText, "confirm-sender");
        Assert.Contains("Your report stays anonymous", await host.Http.GetStringAsync(confirm), StringComparison.Ordinal);
        var confirmed = await host.Http.PostAsync(confirm.AbsolutePath, new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = MailLinks.Token(confirm) }));
        Assert.Equal(System.Net.HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("the report stays anonymous", await confirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var receipt = (await host.Inbox.WaitForAsync(m => m.IsTo(reporter) && m.Subject == $"We received your report {report.Reference}")).Single();
        var code = System.Text.RegularExpressions.Regex.Match(await host.Inbox.TextAsync(receipt), "[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z]{5}").Value;
        using var status = await host.Http.PostAsync("/api/status", new FormUrlEncodedContent(new Dictionary<string, string> { ["reference"] = report.Reference, ["receiptCode"] = code }));
        Assert.Equal(System.Net.HttpStatusCode.OK, status.StatusCode);

        // Still anonymous: the address was let go, not made the contact.
        var after = await ReportWithSubjectAsync(subject);
        Assert.Null(after.Details.ContactEmail);
        Assert.Null(after.SealedAnonymousSender);
        Assert.Equal(MailSender.Confirmed, after.Sender);
    }

    [Fact]
    public async Task A_link_to_confirm_the_sender_older_than_a_week_confirms_nothing()
    {
        var reporter = Submissions.NewReporter();
        var subject = Unique("Confirmed too late");
        var message = ConductMailbox.Message(reporter, host.Conduct, subject, "Left unconfirmed for eight days.");
        message.Headers.Remove("Authentication-Results");
        await ConductMailbox.SendAsync(message);
        var report = await ReportWithSubjectAsync(subject);

        var eightDaysOld = host.Links(new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-8))).Create(report.Reference, ActionLinks.Reporter, CaseAction.ConfirmSender);
        var refused = await host.Http.PostAsync(eightDaysOld.AbsolutePath, new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = MailLinks.Token(eightDaysOld) }));
        Assert.Equal(System.Net.HttpStatusCode.Gone, refused.StatusCode);

        var still = await ReportWithSubjectAsync(subject);
        Assert.Null(still.Details.ContactEmail);
        Assert.Equal(reporter, still.UnconfirmedSender);
    }

    [Fact]
    public async Task A_sender_who_has_not_confirmed_and_writes_into_the_case_gets_a_fresh_link_at_most_once_a_day()
    {
        var reporter = Submissions.NewReporter();
        var subject = Unique("Lost the link");
        var message = ConductMailbox.Message(reporter, host.Conduct, subject, "Sent, then the link was lost.");
        message.Headers.Remove("Authentication-Results");
        await ConductMailbox.SendAsync(message);
        var report = await ReportWithSubjectAsync(subject);
        var ask = Assert.Single(await host.Inbox.WaitForAsync(m => m.IsTo(reporter)));
        var first = MailLinks.Find(await host.Inbox.TextAsync(ask), "confirm-sender");
        var replyTo = MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(await host.Inbox.RawAsync(ask)))).ReplyTo.Mailboxes.Single().Address;

        // The same day: the reply lands in the case, and no second request goes out.
        await ConductMailbox.SendAsync(ConductMailbox.Message(reporter, replyTo, "Re: did you send it", "Yes it was me, but the link does not open."));
        await host.Inbox.WaitForAsync(m => m.Subject.StartsWith("The reporter answered on report " + report.Reference, StringComparison.Ordinal), LocalHostFixture.Members.Length);
        Assert.Single(await host.Inbox.AllAsync(), m => m.IsTo(reporter));

        // A day later (where the end of the day's window leaves the count): writing again brings a fresh link that works.
        var key = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(host.Links().DeriveRecordKey(KeyPurpose.ConfirmSender), Encoding.UTF8.GetBytes(report.Reference)));
        var count = (await host.RateLimits.GetEntityAsync<TableEntity>("confirm-sender", key)).Value;
        count["WindowEnds"] = DateTimeOffset.UtcNow.AddSeconds(-1);
        await host.RateLimits.UpdateEntityAsync(count, count.ETag);
        await ConductMailbox.SendAsync(ConductMailbox.Message(reporter, replyTo, "Re: did you send it", "Writing again the next day."));
        var asks = await host.Inbox.WaitForAsync(m => m.IsTo(reporter), 2);
        var fresh = MailLinks.Find(await host.Inbox.TextAsync(asks.Single(m => m.Id != ask.Id)), "confirm-sender");
        Assert.NotEqual(first, fresh);

        var confirmed = await host.Http.PostAsync(fresh.AbsolutePath, new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = MailLinks.Token(fresh) }));
        Assert.Equal(System.Net.HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(reporter, (await ReportWithSubjectAsync(subject)).Details.ContactEmail);
    }

    [Fact]
    public async Task An_email_with_dmarc_pass_from_the_mailbox_server_is_verified()
    {
        var reporter = Submissions.NewReporter();
        var subject = Unique("Verified");
        await ConductMailbox.SendAsync(ConductMailbox.Message(reporter, host.Conduct, subject, "Sent by who it says."));

        var report = await ReportWithSubjectAsync(subject);
        Assert.Equal(reporter, report.Details.ContactEmail);
        Assert.Null(report.UnconfirmedSender);
        Assert.Equal(MailSender.Verified, report.Sender);
    }

    [Fact]
    public async Task An_html_only_email_is_read_as_its_text()
    {
        var subject = Unique("HTML only");
        var message = ConductMailbox.Message(Submissions.NewReporter(), host.Conduct, subject, "");
        message.Body = new TextPart("html") { Text = "<html><head><style>p{color:red}</style></head><body><p>He shouted at me &amp; my friend</p><div>at the <b>booth</b>.</div><script>alert(1)</script></body></html>" };
        await ConductMailbox.SendAsync(message);

        var report = await ReportWithSubjectAsync(subject);
        Assert.Equal("He shouted at me & my friend\nat the booth.", report.Details.Description);
    }

    [Fact]
    public async Task Attachments_are_kept_as_evidence_and_a_too_large_or_disguised_one_is_left_out_without_refusing_the_report()
    {
        var reporter = Submissions.NewReporter();
        var subject = Unique("With attachments");
        var builder = new BodyBuilder { TextBody = "Screenshots attached." };
        builder.Attachments.Add("screenshot.png", Submissions.Png(4096), ContentType.Parse("image/png"));
        builder.Attachments.Add("chat.pdf", Submissions.Pdf(2048), ContentType.Parse("application/pdf"));
        builder.Attachments.Add("video.png", Submissions.Png((1024 * 1024) + 10), ContentType.Parse("image/png"));
        builder.Attachments.Add("photo.jpg", Executable(), ContentType.Parse("image/jpeg"));
        var message = ConductMailbox.Message(reporter, host.Conduct, subject, "");
        message.Body = builder.ToMessageBody();
        await ConductMailbox.SendAsync(message);

        var report = await ReportWithSubjectAsync(subject);
        Assert.Equal(["screenshot.png", "chat.pdf"], report.Evidence.Select(e => e.FileName));
        Assert.Equal(["image/png", "application/pdf"], report.Evidence.Select(e => e.ContentType));
        Assert.Equal(2, (await host.EvidenceBlobsAsync(report.Reference)).Count);
        Assert.Equal(["video.png", "photo.jpg"], report.RefusedEvidence.Select(r => r.FileName));
        Assert.Contains("larger than 1 MB", report.RefusedEvidence[0].Reason, StringComparison.Ordinal);
        Assert.Contains("not an image", report.RefusedEvidence[1].Reason, StringComparison.Ordinal);

        var receipt = Assert.Single(await host.Inbox.WaitForAsync(m => m.IsTo(reporter)));
        var text = await host.Inbox.TextAsync(receipt);
        Assert.Contains("Attachments we could not keep", text, StringComparison.Ordinal);
        Assert.Contains("It is not an image", text, StringComparison.Ordinal);
        Assert.DoesNotContain("photo.jpg", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_in_other_charsets_is_read_in_its_own_charset()
    {
        var subject = Unique("Charsets");
        var latin = new TextPart("plain");
        latin.SetText(Encoding.Latin1, "Très désagréable, à la soirée.");
        var message = ConductMailbox.Message(Submissions.NewReporter(), host.Conduct, subject, "");
        message.Body = latin;
        await ConductMailbox.SendAsync(message);

        var report = await ReportWithSubjectAsync(subject);
        Assert.Equal("Très désagréable, à la soirée.", report.Details.Description);
    }

    [Fact]
    public async Task The_same_message_delivered_twice_is_one_report()
    {
        var subject = Unique("Delivered twice");
        var message = ConductMailbox.Message(Submissions.NewReporter(), host.Conduct, subject, "The same words, twice.");
        await ConductMailbox.SendAsync(message);
        await ConductMailbox.SendAsync(message);

        await ConductMailbox.WaitUntilImportedAsync(subject);
        Assert.Single(await ReportsWithSubjectAsync(subject));
    }

    [Fact]
    public async Task Auto_replies_bounces_and_the_services_own_mail_are_not_reports_and_get_no_answer()
    {
        var vacation = Unique("Out of office");
        var autoReply = ConductMailbox.Message("away@reporters.test", host.Conduct, vacation, "I am away until Monday.");
        autoReply.Headers.Add("Auto-Submitted", "auto-replied");

        var bounced = Unique("Undelivered Mail Returned to Sender");
        var bounce = ConductMailbox.Message("MAILER-DAEMON@mx.reporters.test", host.Conduct, bounced, "");
        var report = new MultipartReport("delivery-status") { new TextPart("plain") { Text = "Delivery to someone@reporters.test failed." } };
        report.Add(new MimePart("message", "delivery-status") { Content = new MimeContent(new MemoryStream("Reporting-MTA: dns; mx.reporters.test\r\n"u8.ToArray())) });
        bounce.Body = report;

        var ownSubject = Unique("We received your report");
        var own = ConductMailbox.Message("coc@example.org", host.Conduct, ownSubject, "Our own receipt, looped back.");

        foreach (var message in new[] { autoReply, bounce, own })
        {
            await ConductMailbox.SendAsync(message);
        }

        foreach (var subject in new[] { vacation, bounced, ownSubject })
        {
            await ConductMailbox.WaitUntilImportedAsync(subject);
            Assert.Empty(await ReportsWithSubjectAsync(subject));
        }

        // A report sent after them is imported and answered: the poll went past them, and nothing answered them.
        var after = Submissions.NewReporter();
        var later = Unique("After the machines");
        await ConductMailbox.SendAsync(ConductMailbox.Message(after, host.Conduct, later, "A real report."));
        await ReportWithSubjectAsync(later);
        await host.Inbox.WaitForAsync(m => m.IsTo(after));
        Assert.DoesNotContain(await host.Inbox.AllAsync(), m => m.IsTo("away@reporters.test") || m.IsTo("MAILER-DAEMON@mx.reporters.test"));
    }

    [Fact]
    public async Task A_reply_to_the_cases_reply_address_lands_in_the_case_and_a_forged_one_does_not()
    {
        var reporter = Submissions.NewReporter();
        var subject = Unique("Will reply");
        await ConductMailbox.SendAsync(ConductMailbox.Message(reporter, host.Conduct, subject, "First message."));
        var report = await ReportWithSubjectAsync(subject);
        var receipt = Assert.Single(await host.Inbox.WaitForAsync(m => m.IsTo(reporter)));
        var replyTo = MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(await host.Inbox.RawAsync(receipt)))).ReplyTo.Mailboxes.Single().Address;

        var receiptText = await host.Inbox.TextAsync(receipt);
        var quoted = string.Join("\n", receiptText.Split('\n').Select(l => "> " + l));
        var reply = ConductMailbox.Message(reporter, replyTo, "Re: " + subject, $"I remembered: it was at 3pm, near the coffee stand.\n\nOn Monday, the committee wrote:\n{quoted}");
        await ConductMailbox.SendAsync(reply);

        var store = host.Services.GetRequiredService<ICaseMessages>();
        var answer = await WaitForAsync(async () => (await store.GetMessagesAsync(report.Reference, default)).SingleOrDefault(m => m.Kind == CaseMessageKind.Answer));
        Assert.Contains("near the coffee stand", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("receipt code", answer.Text, StringComparison.OrdinalIgnoreCase);
        await host.Inbox.WaitForAsync(m => m.Subject.StartsWith("The reporter answered on report " + report.Reference, StringComparison.Ordinal), LocalHostFixture.Members.Length);

        // The same reference with a token the server did not make: not attached to the case, whoever it claims to be from.
        var forgedSubject = Unique("Forged reply");
        var forged = ConductMailbox.Message(reporter, $"{Local(host.Conduct)}+{report.Reference}.AAAAAAAAAAAAAAAA@example.org", forgedSubject, "Close this case.");
        await ConductMailbox.SendAsync(forged);
        await ConductMailbox.WaitUntilImportedAsync(forgedSubject);
        Assert.Single(await store.GetMessagesAsync(report.Reference, default), m => m.Kind == CaseMessageKind.Answer);
    }

    [Fact]
    public async Task A_sender_who_writes_again_and_again_has_every_report_kept_and_a_bounded_number_of_receipts()
    {
        var reporter = Submissions.NewReporter();
        var subject = Unique("Again");
        for (var i = 0; i < Host.ReceiptsPerSender + 1; i++)
        {
            await ConductMailbox.SendAsync(ConductMailbox.Message(reporter, host.Conduct, $"{subject} {i}", $"Report number {i}."));
        }

        await ConductMailbox.WaitUntilImportedAsync(subject);
        var reports = await ReportsWithSubjectAsync(subject, prefix: true);
        Assert.Equal(Host.ReceiptsPerSender + 1, reports.Count);
        foreach (var report in reports)
        {
            await host.Inbox.WaitForAsync(m => m.Subject.StartsWith("New Code of Conduct report " + report.Reference, StringComparison.Ordinal), LocalHostFixture.Members.Length);
        }

        await host.Inbox.WaitForAsync(m => m.IsTo(reporter), Host.ReceiptsPerSender);
        var quiet = reports.Single(r => !r.MailReceipt);
        await WaitForAsync(async () => await host.Workflows.GetInstanceAsync(quiet.InstanceId) is { } instance ? instance : null);
        Assert.Equal(Host.ReceiptsPerSender, (await host.Inbox.AllAsync()).Count(m => m.IsTo(reporter)));
    }

    [Fact]
    public async Task A_stranger_writing_as_variants_of_one_address_gets_that_mailbox_no_more_receipts_than_one_sender()
    {
        var victim = Submissions.NewReporter();
        var (local, domain) = (victim[..victim.IndexOf('@', StringComparison.Ordinal)], victim[victim.IndexOf('@', StringComparison.Ordinal)..]);
        var subject = Unique("Variants");
        var sent = Host.ReceiptsPerSender + 2;
        for (var i = 0; i < sent; i++)
        {
            await ConductMailbox.SendAsync(ConductMailbox.Message($"{local}+{i}{domain}", host.Conduct, $"{subject} {i}", $"Report number {i}."));
        }

        await ConductMailbox.WaitUntilImportedAsync(subject);
        var reports = await ReportsWithSubjectAsync(subject, prefix: true);
        Assert.Equal(sent, reports.Count);

        // Every report's workflow has run (the last of them without a receipt), then the victim's mailbox is counted.
        foreach (var report in reports)
        {
            await host.Inbox.WaitForAsync(m => m.Subject.StartsWith("New Code of Conduct report " + report.Reference, StringComparison.Ordinal), LocalHostFixture.Members.Length);
        }

        Assert.Equal(Host.ReceiptsPerSender, reports.Count(r => r.MailReceipt));
        await host.Inbox.WaitForAsync(m => m.To.Any(t => t.Contains(local + "+", StringComparison.Ordinal)), Host.ReceiptsPerSender);
        Assert.Equal(Host.ReceiptsPerSender, (await host.Inbox.AllAsync()).Count(m => m.To.Any(t => t.Contains(local + "+", StringComparison.Ordinal))));
    }

    [Fact]
    public async Task A_signed_raw_message_posted_to_the_webhook_becomes_one_case_however_often_it_is_delivered_or_replayed()
    {
        var reporter = Submissions.NewReporter();
        var subject = Unique("Forwarded by the provider");
        var raw = Raw(ConductMailbox.Message(reporter, host.Conduct, subject, "Posted over HTTP by our mail provider."));

        var first = await PostToWebhookAsync(raw, Host.WebhookSecret, DateTimeOffset.UtcNow);
        var again = await PostToWebhookAsync(raw, Host.WebhookSecret, DateTimeOffset.UtcNow);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, again.StatusCode);

        // The very same post (timestamp and signature) captured and replayed inside the window: still the one case.
        var signedAt = DateTimeOffset.UtcNow.AddMinutes(-4);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await PostToWebhookAsync(raw, Host.WebhookSecret, signedAt)).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await PostToWebhookAsync(raw, Host.WebhookSecret, signedAt)).StatusCode);

        var report = Assert.Single(await ReportsWithSubjectAsync(subject));
        Assert.Equal(Door.Webhook, report.Door);
        var notice = (await host.Inbox.WaitForAsync(m => m.Subject.StartsWith("New Code of Conduct report " + report.Reference, StringComparison.Ordinal))).First();
        Assert.Contains("Came in through:\nEmail forwarded by the mail provider", await host.Inbox.TextAsync(notice), StringComparison.Ordinal);
        await host.Inbox.WaitForAsync(m => m.IsTo(reporter));
        Assert.Single(await ReportsWithSubjectAsync(subject));
    }

    [Fact]
    public async Task A_webhook_message_without_the_right_signature_is_refused_and_stores_nothing()
    {
        var subject = Unique("Forged webhook");
        var raw = Raw(ConductMailbox.Message(Submissions.NewReporter(), host.Conduct, subject, "Not from the provider."));

        using var unsigned = new HttpRequestMessage(HttpMethod.Post, "/api/mail/inbound") { Content = new ByteArrayContent(raw) };
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await host.Http.SendAsync(unsigned)).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await PostToWebhookAsync(raw, "another secret", DateTimeOffset.UtcNow)).StatusCode);
        var tampered = Raw(ConductMailbox.Message(Submissions.NewReporter(), host.Conduct, subject, "Changed after signing."));
        using (var request = ConductMailbox.WebhookPost(raw, Host.WebhookSecret, DateTimeOffset.UtcNow))
        {
            request.Content = new ByteArrayContent(tampered);
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await host.Http.SendAsync(request)).StatusCode);
        }

        // The scheme before the timestamp (the body alone signed) is refused: a relay must be changed to sign the time.
        using (var old = new HttpRequestMessage(HttpMethod.Post, "/api/mail/inbound") { Content = new ByteArrayContent(raw) })
        {
            old.Headers.Add("X-Signature-SHA256", Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(Host.WebhookSecret), raw)));
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await host.Http.SendAsync(old)).StatusCode);
        }

        // A signed message posted after them is stored: the refused ones are not, and never will be.
        var signedSubject = Unique("Signed webhook");
        var signed = Raw(ConductMailbox.Message(Submissions.NewReporter(), host.Conduct, signedSubject, "From the provider."));
        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await PostToWebhookAsync(signed, Host.WebhookSecret, DateTimeOffset.UtcNow)).StatusCode);
        Assert.Single(await ReportsWithSubjectAsync(signedSubject));
        Assert.Empty(await ReportsWithSubjectAsync(subject));
    }

    [Fact]
    public async Task A_webhook_post_signed_more_than_five_minutes_away_is_refused_and_stores_nothing()
    {
        var subject = Unique("Captured and replayed");
        var raw = Raw(ConductMailbox.Message(Submissions.NewReporter(), host.Conduct, subject, "Signed by the relay, captured, posted again later."));

        using var stale = await PostToWebhookAsync(raw, Host.WebhookSecret, DateTimeOffset.UtcNow.AddMinutes(-6));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, stale.StatusCode);
        Assert.Contains("X-Signature-Timestamp", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await PostToWebhookAsync(raw, Host.WebhookSecret, DateTimeOffset.UtcNow.AddMinutes(6))).StatusCode);

        // Refused on its headers: the answer comes while the body is still unsent.
        var timestamp = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (status, _) = await ConductMailbox.AnswerBeforeBodyAsync(host.BaseUrl, 1000, [("X-Signature-Timestamp", timestamp), ("X-Signature-SHA256", new string('a', 64))]);
        Assert.Equal(401, status);

        var laterSubject = Unique("Posted in time");
        var later = Raw(ConductMailbox.Message(Submissions.NewReporter(), host.Conduct, laterSubject, "Signed just now."));
        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await PostToWebhookAsync(later, Host.WebhookSecret, DateTimeOffset.UtcNow)).StatusCode);
        Assert.Single(await ReportsWithSubjectAsync(laterSubject));
        Assert.Empty(await ReportsWithSubjectAsync(subject));
    }

    [Fact]
    public async Task A_webhook_post_declaring_more_than_the_providers_largest_message_is_refused_before_its_body_is_read()
    {
        // SendGrid's Inbound Parse limit, the default of MailIntake:MaxMessageBytes (see MailIntakeOptions).
        const long largest = 30L * 1024 * 1024;
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (status, head) = await ConductMailbox.AnswerBeforeBodyAsync(host.BaseUrl, largest + 1, [("X-Signature-Timestamp", timestamp), ("X-Signature-SHA256", new string('a', 64))]);
        Assert.Equal(413, status);
        Assert.Contains("application/problem+json", head, StringComparison.Ordinal);
    }

    async Task<HttpResponseMessage> PostToWebhookAsync(byte[] raw, string secret, DateTimeOffset signedAt)
    {
        using var request = ConductMailbox.WebhookPost(raw, secret, signedAt);
        return await host.Http.SendAsync(request);
    }

    static byte[] Raw(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return stream.ToArray();
    }

    static string Unique(string subject) => $"{subject} {Guid.NewGuid():N}";

    static string Local(string address) => address.Split('@')[0];

    // "MZ" and a PE header: a Windows program, whatever its name says.
    static byte[] Executable()
    {
        var bytes = new byte[2048];
        "MZ"u8.CopyTo(bytes);
        "PE\0\0"u8.CopyTo(bytes.AsSpan(128));
        return bytes;
    }

    async Task<Report> ReportWithSubjectAsync(string subject) =>
        await WaitForAsync(async () => (await ReportsWithSubjectAsync(subject)).SingleOrDefault());

    async Task<List<Report>> ReportsWithSubjectAsync(string subject, bool prefix = false)
    {
        var store = host.Services.GetRequiredService<IReportStore>();
        var found = new List<Report>();
        await foreach (var entity in host.Reports.QueryAsync<TableEntity>(e => e.RowKey == "report"))
        {
            var stored = entity.GetString("Subject");
            if (stored is not null && (prefix ? stored.StartsWith(subject, StringComparison.Ordinal) : stored == subject))
            {
                found.Add((await store.FindAsync(entity.PartitionKey, default))!);
            }
        }

        return found;
    }

    static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, "Timed out.");
            await Task.Delay(250);
        }
    }

    public sealed class Host : LocalHostFixture
    {
        public const int ReceiptsPerSender = 2;

        public const string WebhookSecret = "a shared secret for the tests";

        public string Conduct { get; } = $"conduct{Guid.NewGuid():N}"[..20] + "@example.org";

        protected override void Configure(IDictionary<string, string?> settings)
        {
            ConductMailbox.Configure(settings, Conduct, WebhookSecret);
            settings["MailIntake:AuthServId"] = ConductMailbox.AuthServId;
            settings["MailIntake:ReceiptsPerSenderPerDay"] = ReceiptsPerSender.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    [CollectionDefinition(Name)]
    public sealed class Collection : ICollectionFixture<Host>;
}
