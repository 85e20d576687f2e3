using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CocReports.Testing;

/// <summary>One request as the fake ACS endpoint received it.</summary>
public sealed record RecordedRequest(
    string Method,
    string RawTarget,
    string Path,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body,
    DateTimeOffset ReceivedAt)
{
    public string Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : "";
}

/// <summary>A scripted response: status, JSON body and headers.</summary>
public sealed record ScriptedResponse(int Status, string? Json = null, IReadOnlyDictionary<string, string>? Headers = null);

/// <summary>
/// A stand-in for the ACS Email data plane on 127.0.0.1: records every request and answers from a script,
/// so tests see exactly what the sender puts on the wire.
/// </summary>
public sealed class FakeAcsEmail : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentQueue<ScriptedResponse> _sends = new();
    private readonly ConcurrentQueue<ScriptedResponse> _polls = new();
    private ScriptedResponse? _otherwise;
    private Func<RecordedRequest, ScriptedResponse?>? _rule;
    private readonly ConcurrentQueue<RecordedRequest> _accepted = new();
    private readonly object _quotaLock = new();
    private (int Sends, TimeSpan Window)? _quota;
    private DateTimeOffset _windowStarted;
    private int _sentInWindow;

    private FakeAcsEmail(WebApplication app) => _app = app;

    public Uri Endpoint { get; private set; } = new("http://127.0.0.1/");

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>The sends answered 202, in the order they were.</summary>
    public IReadOnlyList<RecordedRequest> AcceptedSends => [.. _accepted];

    public static async Task<FakeAcsEmail> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var fake = new FakeAcsEmail(app);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        fake.Endpoint = new Uri(address + "/");
        return fake;
    }

    /// <summary>Answers to POST /emails:send, in order.</summary>
    public FakeAcsEmail OnSend(params ScriptedResponse[] responses)
    {
        foreach (var response in responses)
            _sends.Enqueue(response);
        return this;
    }

    /// <summary>
    /// Answers the sends <paramref name="rule"/> picks out by what they are (a recipient, a subject), before any
    /// scripted answer: a script consumed in arrival order can't tell one mail from another sent at the same time.
    /// </summary>
    public FakeAcsEmail OnSendWhere(Func<RecordedRequest, ScriptedResponse?> rule)
    {
        _rule = rule;
        return this;
    }

    /// <summary>The answer to every send once the scripted ones are used up (without it, 500).</summary>
    public FakeAcsEmail OtherwiseOnSend(ScriptedResponse response)
    {
        _otherwise = response;
        return this;
    }

    /// <summary>
    /// A sending quota as ACS keeps one per subscription: once <paramref name="sends"/> were accepted in a window, every
    /// further send of that window is answered 429 with a Retry-After of the rest of it (scripted answers come first).
    /// </summary>
    public FakeAcsEmail LimitSends(int sends, TimeSpan window)
    {
        _quota = (sends, window);
        return this;
    }

    /// <summary>Answers to GET /emails/operations/{id}, in order.</summary>
    public FakeAcsEmail OnPoll(params ScriptedResponse[] responses)
    {
        foreach (var response in responses)
            _polls.Enqueue(response);
        return this;
    }

    public static ScriptedResponse Accepted(string status = "Running", int? retryAfterSeconds = null) =>
        new(202, $$"""{"id":"ignored","status":"{{status}}"}""", RetryAfter(retryAfterSeconds));

    public static ScriptedResponse Status(string status, int? retryAfterSeconds = null, string? errorCode = null) =>
        new(200, errorCode is null
            ? $$"""{"id":"ignored","status":"{{status}}"}"""
            : $$$"""{"id":"ignored","status":"{{{status}}}","error":{"code":"{{{errorCode}}}","message":"The recipient bounced."}}""",
            RetryAfter(retryAfterSeconds));

    private static Dictionary<string, string>? RetryAfter(int? seconds) =>
        seconds is { } s ? new() { ["retry-after"] = s.ToString(System.Globalization.CultureInfo.InvariantCulture) } : null;

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var recorded = new RecordedRequest(
            context.Request.Method,
            context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget,
            context.Request.Path.Value ?? "",
            context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()),
            body.ToArray(),
            DateTimeOffset.UtcNow);
        _requests.Enqueue(recorded);

        var isSend = HttpMethods.IsPost(context.Request.Method);
        var response = isSend ? _rule?.Invoke(recorded) : null;
        if (response is null && !(isSend ? _sends : _polls).TryDequeue(out response))
        {
            response = isSend ? Quota() ?? _otherwise : null;
        }

        if (response is null)
        {
            context.Response.StatusCode = 500;
            return;
        }

        if (isSend && response.Status == 202)
            _accepted.Enqueue(recorded);
        context.Response.StatusCode = response.Status;
        foreach (var header in response.Headers ?? new Dictionary<string, string>())
            context.Response.Headers[header.Key] = header.Value;
        if (response.Json is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(response.Json);
        }
    }

    /// <summary>The quota's answer to one more send: null without a quota, 429 once the window's sends are spent.</summary>
    private ScriptedResponse? Quota()
    {
        if (_quota is not { } quota)
            return null;
        lock (_quotaLock)
        {
            var now = DateTimeOffset.UtcNow;
            if (now - _windowStarted >= quota.Window)
                (_windowStarted, _sentInWindow) = (now, 0);
            if (_sentInWindow < quota.Sends)
            {
                _sentInWindow++;
                return Accepted();
            }

            var rest = (int)Math.Ceiling((_windowStarted + quota.Window - now).TotalSeconds);
            return new ScriptedResponse(429, null, new Dictionary<string, string> { ["Retry-After"] = Math.Max(1, rest).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
