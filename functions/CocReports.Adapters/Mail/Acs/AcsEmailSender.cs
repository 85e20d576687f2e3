using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using CocReports.Adapters.Mail.OpenPgp;
using CocReports.Procedure.Mail;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CocReports.Adapters.Mail.Acs;

/// <summary>
/// Sends workflow mail through the Azure Communication Services Email REST API. ACS's 202 means the message is
/// queued for sending, and that is where this sender stops: it logs the operation id and never reads the status.
/// On an Azure-managed domain ACS allows 5 sends a minute and 10 an hour per subscription, and status reads are
/// rationed the same way ("Rate limits for email",
/// https://learn.microsoft.com/en-us/azure/communication-services/concepts/service-limits); polling each send spent
/// that budget on 429s. Bounces and suppressions come after the 202 and reach Azure Monitor and Event Grid, not the
/// send call (the 202 response of Email_Send in the 2023-03-31 REST spec,
/// https://github.com/Azure/azure-rest-api-specs/blob/main/specification/communication/data-plane/Email/stable/2023-03-31/CommunicationServicesEmail.json),
/// and sending the same operation again would not fix them, so delivery is watched in ACS's logs, not here.
/// </summary>
public sealed class AcsEmailSender : IMailSender
{
    internal const string ApiVersion = "2023-03-31";
    private const string Scope = "https://communication.azure.com//.default";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly AcsEmailOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<AcsEmailSender> _logger;
    private readonly Uri _endpoint;
    private readonly HttpPipeline _pipeline;

    public AcsEmailSender(IOptions<AcsEmailOptions> options, TimeProvider time, ILogger<AcsEmailSender> logger)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;

        HttpPipelinePolicy authentication;
        if (!string.IsNullOrWhiteSpace(_options.ConnectionString))
        {
            var connection = AcsConnectionString.Parse(_options.ConnectionString);
            _endpoint = _options.Endpoint ?? connection.Endpoint;
            authentication = new AcsHmacAuthenticationPolicy(connection.AccessKey, time);
        }
        else
        {
            _endpoint = _options.Endpoint
                ?? throw new InvalidOperationException("Mail:Acs:Endpoint or Mail:Acs:ConnectionString must be set.");
            TokenCredential credential = string.IsNullOrWhiteSpace(_options.ClientId)
                ? new DefaultAzureCredential()
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(_options.ClientId));
            authentication = new BearerTokenAuthenticationPolicy(credential, Scope);
        }

        var clientOptions = new AcsEmailClientOptions
        {
            RetryPolicy = new TransientRetryPolicy(
                _options.MaxRetries, DelayStrategy.CreateExponentialDelayStrategy(_options.RetryDelay, TimeSpan.FromSeconds(30))),
        };
        // Authentication runs per retry: the HMAC signature covers the date, a bearer token may expire.
        _pipeline = HttpPipelineBuilder.Build(clientOptions, [], [authentication], new ResponseClassifier());
    }

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        var operationId = OperationIdFor(mail);
        var body = new SendRequest(
            _options.FromAddress,
            mail.OpenPgpKey is null ? new SendContent(mail.Subject, mail.TextBody, mail.HtmlBody) : Encrypted(mail),
            new SendRecipients([new SendAddress(mail.To.Email, mail.To.Name)]))
        {
            // EmailMessage.ReplyTo in the REST body ("replyTo"): where the reporter's reply goes, the case's reply address
            // (https://learn.microsoft.com/dotnet/api/azure.communication.email.emailmessage.replyto).
            ReplyTo = mail.ReplyTo is null ? null : [new SendAddress(mail.ReplyTo, "")],
        };

        using var message = _pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Post;
        message.Request.Uri.Reset(new Uri($"{_endpoint.AbsoluteUri.TrimEnd('/')}/emails:send?api-version={ApiVersion}"));
        message.Request.Headers.SetValue("Operation-Id", operationId.ToString());
        message.Request.Headers.SetValue("Content-Type", "application/json");
        message.Request.Content = RequestContent.Create(JsonSerializer.SerializeToUtf8Bytes(body, Json));

        await _pipeline.SendAsync(message, cancellationToken);
        var response = message.Response;
        switch (response.Status)
        {
            case 202:
                var result = response.Content.ToMemory().Length == 0
                    ? null
                    : JsonSerializer.Deserialize<SendResult>(response.Content.ToMemory().Span, Json);
                if (result?.Status is "Failed" or "Canceled")
                {
                    throw new InvalidOperationException(
                        $"ACS did not queue {mail.MessageId} (operation {operationId}): {result.Status}"
                        + (result.Error is null ? "." : $", {result.Error.Code}: {result.Error.Message}"));
                }

                _logger.LogInformation("ACS accepted mail {MessageId} as operation {OperationId}", mail.MessageId, operationId);
                return;

            // A repeat of a send ACS already has is answered with the first answer, or 409 while the first is still
            // in progress ("Repeatable requests", https://learn.microsoft.com/en-us/rest/api/communication/repeatable-requests):
            // an earlier attempt of this very mail got through, even if its answer was lost on the way back.
            case 409:
                _logger.LogInformation("ACS already had mail {MessageId} as operation {OperationId}", mail.MessageId, operationId);
                return;

            // Waiting here would hold the activity for up to an hour on a managed domain, and retrying sooner only
            // counts against the same limit; the workflow waits instead, with a durable timer.
            case 429:
                var wait = RetryAfter(response) ?? _options.ThrottledWait;
                _logger.LogWarning("ACS throttled mail {MessageId} (operation {OperationId}); it asked to wait {RetryAfter}", mail.MessageId, operationId, wait);
                throw new MailThrottledException(wait, new RequestFailedException(response));

            default:
                throw new RequestFailedException(response);
        }
    }

    /// <summary>
    /// ACS sends the parts it is given and no MIME of our own (the REST body has a subject, a plain-text and an HTML
    /// part), so PGP/MIME can't go through it. A mail for a recipient's key goes as inline OpenPGP instead: the text
    /// part is the ASCII-armored message, which OpenPGP mail clients and <c>gpg --decrypt</c> open; the HTML part shows
    /// the same armor, so no client falls back to a readable copy.
    /// </summary>
    private SendContent Encrypted(OutgoingMail mail)
    {
        var armored = OpenPgpEnvelope.Encrypt(Encoding.UTF8.GetBytes(mail.TextBody), RecipientKey.Parse(mail.OpenPgpKey!, _time.GetUtcNow()));
        return new SendContent(mail.Subject, armored, $"<!DOCTYPE html><html><body><pre>{WebUtility.HtmlEncode(armored)}</pre></body></html>");
    }

    /// <summary>
    /// A GUID from SHA-256 of the message id and recipient: stable across retries of the same mail, distinct
    /// for each recipient of a step. Sent as Operation-Id, which the REST spec describes as the customer's own id
    /// of the operation, so a retried send names the operation the first attempt created instead of a new one.
    /// Marked as an RFC 9562 version 8 (custom) UUID.
    /// </summary>
    internal static Guid OperationIdFor(OutgoingMail mail)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{mail.MessageId}\n{mail.To.Email}"), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    // Retry-After is either delay-seconds or an HTTP-date (RFC 9110, section 10.2.3).
    private TimeSpan? RetryAfter(Response response)
    {
        if (!response.Headers.TryGetValue("retry-after", out var value))
            return null;
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            return TimeSpan.FromSeconds(seconds);
        if (DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            return at > _time.GetUtcNow() ? at - _time.GetUtcNow() : TimeSpan.Zero;
        return null;
    }

    /// <summary>The pipeline's own retries, for network errors and 5xx only: a 429 goes back to the workflow.</summary>
    private sealed class TransientRetryPolicy(int maxRetries, DelayStrategy delay) : RetryPolicy(maxRetries, delay)
    {
        protected override bool ShouldRetry(HttpMessage message, Exception? exception) =>
            !IsThrottled(message) && base.ShouldRetry(message, exception);

        protected override async ValueTask<bool> ShouldRetryAsync(HttpMessage message, Exception? exception) =>
            !IsThrottled(message) && await base.ShouldRetryAsync(message, exception);

        private static bool IsThrottled(HttpMessage message) => message.HasResponse && message.Response.Status == 429;
    }

    private sealed record SendRequest(string SenderAddress, SendContent Content, SendRecipients Recipients)
    {
        [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
        public IReadOnlyList<SendAddress>? ReplyTo { get; init; }
    }

    private sealed record SendContent(string Subject, string PlainText, string Html);

    private sealed record SendRecipients(IReadOnlyList<SendAddress> To);

    private sealed record SendAddress(string Address, string DisplayName);

    private sealed record SendResult(string? Id, string? Status, SendError? Error);

    private sealed record SendError(string? Code, string? Message);

    private sealed class AcsEmailClientOptions : ClientOptions;
}
