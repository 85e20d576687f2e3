using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using CocReports.Procedure.Mail;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CocReports.Adapters.Mail.Acs;

/// <summary>
/// Sends workflow mail through the Azure Communication Services Email REST API and waits until the
/// service reports the send as done. Throws when it is not, so the durable activity retries; the
/// operation id is derived from the message, so a retry never sends the same mail twice.
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

        var clientOptions = new AcsEmailClientOptions();
        clientOptions.Retry.MaxRetries = _options.MaxRetries;
        clientOptions.Retry.Delay = _options.RetryDelay;
        clientOptions.Retry.Mode = RetryMode.Exponential;
        // Authentication runs per retry: the HMAC signature covers the date, a bearer token may expire.
        _pipeline = HttpPipelineBuilder.Build(clientOptions, [], [authentication], new ResponseClassifier());
    }

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        var operationId = OperationIdFor(mail);
        var accepted = await StartAsync(mail, operationId, cancellationToken);
        if (accepted.Status is { } status && IsTerminal(status))
        {
            Finish(mail, operationId, accepted);
            return;
        }

        var wait = accepted.RetryAfter ?? _options.PollInterval;
        for (var poll = 0; poll < _options.MaxPolls; poll++)
        {
            await Task.Delay(wait, _time, cancellationToken);
            var current = await GetStatusAsync(operationId, cancellationToken);
            if (current.Status is { } currentStatus && IsTerminal(currentStatus))
            {
                Finish(mail, operationId, current);
                return;
            }
            wait = current.RetryAfter ?? _options.PollInterval;
        }

        throw new TimeoutException(
            $"ACS did not finish sending {mail.MessageId} (operation {operationId}) after {_options.MaxPolls} polls.");
    }

    /// <summary>
    /// A GUID from SHA-256 of the message id and recipient: stable across retries of the same mail, distinct
    /// for each recipient of a step. Marked as an RFC 9562 version 8 (custom) UUID.
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

    private async Task<OperationState> StartAsync(OutgoingMail mail, Guid operationId, CancellationToken cancellationToken)
    {
        var body = new SendRequest(
            _options.FromAddress,
            new SendContent(mail.Subject, mail.TextBody, mail.HtmlBody),
            new SendRecipients([new SendAddress(mail.To.Email, mail.To.Name)]));

        using var message = _pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Post;
        message.Request.Uri.Reset(Resolve("emails:send"));
        message.Request.Headers.SetValue("Operation-Id", operationId.ToString());
        message.Request.Headers.SetValue("Content-Type", "application/json");
        message.Request.Content = RequestContent.Create(JsonSerializer.SerializeToUtf8Bytes(body, Json));

        await _pipeline.SendAsync(message, cancellationToken);
        var response = message.Response;
        // 409: an earlier attempt of this very mail already created the operation; follow it instead.
        if (response.Status == 409)
            return new OperationState(null, null, null);
        if (response.Status != 202)
            throw new RequestFailedException(response);

        _logger.LogInformation("ACS accepted mail {MessageId} as operation {OperationId}.", mail.MessageId, operationId);
        return Read(response);
    }

    private async Task<OperationState> GetStatusAsync(Guid operationId, CancellationToken cancellationToken)
    {
        using var message = _pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Get;
        message.Request.Uri.Reset(Resolve($"emails/operations/{operationId}"));

        await _pipeline.SendAsync(message, cancellationToken);
        var response = message.Response;
        if (response.Status != 200)
            throw new RequestFailedException(response);
        return Read(response);
    }

    private void Finish(OutgoingMail mail, Guid operationId, OperationState state)
    {
        if (string.Equals(state.Status, "Succeeded", StringComparison.OrdinalIgnoreCase))
        {
            _logger.LogInformation("ACS sent mail {MessageId} (operation {OperationId}).", mail.MessageId, operationId);
            return;
        }
        throw new InvalidOperationException(
            $"ACS did not send {mail.MessageId} (operation {operationId}): {state.Status}"
            + (state.Error is null ? "." : $", {state.Error.Code}: {state.Error.Message}"));
    }

    private Uri Resolve(string relative) =>
        new($"{_endpoint.AbsoluteUri.TrimEnd('/')}/{relative}?api-version={ApiVersion}");

    private static bool IsTerminal(string status) =>
        status is "Succeeded" or "Failed" or "Canceled";

    private static OperationState Read(Response response)
    {
        var result = response.Content.ToMemory().Length == 0
            ? null
            : JsonSerializer.Deserialize<OperationResult>(response.Content.ToMemory().Span, Json);
        TimeSpan? retryAfter = response.Headers.TryGetValue("retry-after", out var value)
            && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                ? TimeSpan.FromSeconds(seconds)
                : null;
        return new OperationState(result?.Status, result?.Error, retryAfter);
    }

    private sealed record OperationState(string? Status, OperationError? Error, TimeSpan? RetryAfter);

    private sealed record SendRequest(string SenderAddress, SendContent Content, SendRecipients Recipients);

    private sealed record SendContent(string Subject, string PlainText, string Html);

    private sealed record SendRecipients(IReadOnlyList<SendAddress> To);

    private sealed record SendAddress(string Address, string DisplayName);

    private sealed record OperationResult(string? Id, string? Status, OperationError? Error);

    private sealed record OperationError(string? Code, string? Message);

    private sealed class AcsEmailClientOptions : ClientOptions;
}
