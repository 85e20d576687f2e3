using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CocReports.Api.Limits;
using CocReports.Api.Requests;
using CocReports.Procedure.Intake.Mail;
using CocReports.Procedure.Rendering;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;
using CocReports.Procedure.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CocReports.Api.Intake.Mail;

/// <summary>
/// POST /api/mail/inbound: a raw message (message/rfc822) forwarded by a mail provider's inbound-mail hook through the
/// deployer's relay, signed with the shared secret: <see cref="TimestampHeader"/> is the time of signing in Unix
/// seconds, and <see cref="SignatureHeader"/> the hex HMAC-SHA256, under the secret, of the timestamp, a full stop and
/// the raw body ("1765080000." followed by the message's bytes). A post signed more than <see cref="Window"/> away from
/// now is refused, so a captured one can't be replayed later; within the window a replay is the same message and finds
/// its first report. Before any of the body is read: the headers are checked, a Content-Length over
/// <see cref="MailIntakeOptions.MaxMessageBytes"/> is refused, and the client address is counted against its budget.
/// Imported exactly as a message polled from the mailbox; the provider may retry, and the second delivery finds the
/// first report. A message that fails to import is answered 500, so the provider delivers it again, until
/// <see cref="MailQuarantine"/> sets it aside, as the mailbox poll would, and it is answered 422, which asks the provider
/// to stop. A message over the door's budget is answered 429 with Retry-After, and the provider delivers it again later.
/// </summary>
public sealed class InboundMailWebhook(IOptions<MailIntakeOptions> options, IMailParser parser, MailImport import, MailQuarantine quarantine, ClientLimits limits, TimeProvider clock)
{
    public const string Route = "mail/inbound";

    public const string SignatureHeader = "X-Signature-SHA256";

    public const string TimestampHeader = "X-Signature-Timestamp";

    /// <summary>
    /// How far the signing time may be from ours, either way: room for clocks a little apart and a relay's retry
    /// queue, and short enough that a captured post is soon worth nothing.
    /// </summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    /// <summary>Where the webhook's failures are counted, each message by the SHA-256 of its body.</summary>
    const string Source = "webhook";

    public async Task<IResult> HandleAsync(HttpRequest request, ICaseWorkflow workflows, CancellationToken cancellationToken)
    {
        var secret = options.Value.WebhookSecret;
        if (secret.Length == 0 || !TryHex(request.Headers[SignatureHeader].ToString(), out var signature)
            || !long.TryParse(request.Headers[TimestampHeader].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
        {
            return Problems.Unauthorized($"Sign the post with the shared secret: Unix seconds in {TimestampHeader}, and in {SignatureHeader} the hex HMAC-SHA256 of the timestamp, a full stop and the raw message.");
        }

        var signedAt = DateTimeOffset.FromUnixTimeSeconds(Math.Min(timestamp, DateTimeOffset.MaxValue.ToUnixTimeSeconds()));
        if ((clock.GetUtcNow() - signedAt).Duration() > Window)
        {
            return Problems.Unauthorized($"The time in {TimestampHeader} is more than {Window.TotalMinutes:0} minutes from the server's: sign each post when it is sent. Nothing was stored.");
        }

        if (!BodyLimit.TryApply(request, options.Value.MaxMessageBytes))
        {
            return Problems.TooLarge("The message is larger than the limit.", Texts.For(Texts.Default));
        }

        try
        {
            if (await limits.WebhookAsync(request, cancellationToken) is { } wait)
            {
                return Problems.TooManyRequests(wait);
            }
        }
        catch (StorageUnavailableException)
        {
            return Problems.Unavailable();
        }

        // On disk, hashed as it arrives: the message is read once, and only a signed one is parsed.
        await using var raw = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        using var mac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        mac.AppendData(Encoding.ASCII.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "."));
        var buffer = new byte[81920];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                mac.AppendData(buffer, 0, read);
                sha256.AppendData(buffer, 0, read);
                await raw.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        catch (Exception e) when (BodyLimit.WasExceeded(e))
        {
            return Problems.TooLarge("The message is larger than the limit.", Texts.For(Texts.Default));
        }

        if (!CryptographicOperations.FixedTimeEquals(mac.GetHashAndReset(), signature))
        {
            return Problems.Unauthorized($"The signature in {SignatureHeader} does not match the timestamp and the body.");
        }

        // Named by its body, not by what it says: a body no parser reads must be counted too.
        var message = Convert.ToHexStringLower(sha256.GetHashAndReset());
        try
        {
            var imported = await import.ImportAsync(await parser.ParseAsync(raw, cancellationToken), Door.Webhook, workflows, cancellationToken);
            if (imported.Deferral is { } deferral)
            {
                // The provider keeps the message and delivers it again after the wait, as the mailbox keeps a deferred one.
                return Problems.Deferred(deferral.Wait);
            }

            await quarantine.ImportedAsync(Source, message, cancellationToken);
            return TypedResults.Accepted((string?)null, new { imported = imported.Kind.ToString() });
        }
        catch (Exception e) when (e is StorageUnavailableException or CaseWorkflowUnavailableException)
        {
            // Nothing is lost: the provider delivers again, and a message stored in part is found by its key.
            return Problems.Unavailable();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return await quarantine.FailedAsync(Door.Webhook, Source, message, $"body SHA-256 {message}", e, cancellationToken)
                ? Problems.SetAside(MailQuarantine.Tries)
                : Problems.ImportFailed();
        }
    }

    static bool TryHex(string value, out byte[] bytes)
    {
        value = value.StartsWith("sha256=", StringComparison.OrdinalIgnoreCase) ? value[7..] : value;
        try
        {
            bytes = value.Length == 64 ? Convert.FromHexString(value) : [];
        }
        catch (FormatException)
        {
            bytes = [];
        }

        return bytes.Length == 32;
    }
}
