using System.Security.Cryptography;
using System.Text;
using CocReports.Api.Requests;
using CocReports.Procedure.Intake.Mail;
using CocReports.Procedure.Rendering;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace CocReports.Api.Intake.Mail;

/// <summary>
/// POST /api/mail/inbound: a raw message (message/rfc822) forwarded by a mail provider's inbound-mail hook, signed with
/// the shared secret (hex HMAC-SHA256 of the body in <see cref="SignatureHeader"/>). Imported exactly as a message
/// polled from the mailbox; the provider may retry, and the second delivery finds the first report. A message that
/// fails to import is answered 500, so the provider delivers it again, until <see cref="MailQuarantine"/> sets it
/// aside, as the mailbox poll would, and it is answered 422, which asks the provider to stop. A message over the door's
/// budget is answered 429 with Retry-After, and the provider delivers it again later.
/// </summary>
public sealed class InboundMailWebhook(IOptions<MailIntakeOptions> options, IMailParser parser, MailImport import, MailQuarantine quarantine)
{
    public const string Route = "mail/inbound";

    public const string SignatureHeader = "X-Signature-SHA256";

    /// <summary>Where the webhook's failures are counted, each message by the SHA-256 of its body.</summary>
    const string Source = "webhook";

    public async Task<IResult> HandleAsync(HttpRequest request, DurableTaskClient workflows, CancellationToken cancellationToken)
    {
        var secret = options.Value.WebhookSecret;
        if (secret.Length == 0 || !TryHex(request.Headers[SignatureHeader].ToString(), out var signature))
        {
            return Problems.Unauthorized($"Sign the body with the shared secret: the hex HMAC-SHA256 of the raw message in {SignatureHeader}.");
        }

        if (!BodyLimit.TryApply(request, options.Value.MaxMessageBytes))
        {
            return Problems.TooLarge("The message is larger than the limit.", Texts.For(Texts.Default));
        }

        // On disk, hashed as it arrives: the message is read once, and only a signed one is parsed.
        await using var raw = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        using var mac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
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
            return Problems.Unauthorized($"The signature in {SignatureHeader} does not match the body.");
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
        catch (Exception e) when (e is StorageUnavailableException or Grpc.Core.RpcException)
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
