using System.Diagnostics;
using System.Net;
using CocReports.Api.Telemetry;
using CocReports.Procedure.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using CocReports.Procedure.Timeline;

namespace CocReports.IntegrationTests;

/// <summary>
/// The OpenTelemetry pipeline the hosts configure (AddCocReportsTelemetry), run behind real ASP.NET Core request
/// instrumentation, with an in-memory exporter standing where Azure Monitor's would be.
/// </summary>
public sealed class TelemetryTests : IAsyncLifetime
{
    const string Token = "v1.SECRET-LINK-TOKEN-4f9c2a";

    readonly List<Activity> spans = [];
    readonly List<Metric> metrics = [];
    readonly CapturedLogs logs = new();
    WebApplication app = null!;
    HttpClient http = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();

        // As the Functions worker logs, with no appsettings filter of its own: everything from Information.
        builder.Configuration["Logging:LogLevel:Default"] = "Information";
        builder.Configuration["Logging:LogLevel:Microsoft.AspNetCore"] = "Information";
        builder.Logging.AddProvider(logs);
        builder.Logging.AddCocReportsLogging();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<ProcedureMetrics>();
        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation())
            .AddCocReportsTelemetry()
            .WithTracing(tracing => tracing.AddInMemoryExporter(spans))
            .WithMetrics(meters => meters.AddInMemoryExporter(metrics));
        app = builder.Build();
        app.MapGet("/api/case/{reference}", (string reference) => Results.Ok(reference));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        http = new HttpClient { BaseAddress = new Uri(address) };
    }

    [Fact]
    public async Task A_link_token_in_the_query_string_never_reaches_the_exported_request_span()
    {
        using var response = await http.GetAsync(new Uri($"/api/case/R-7Q2K?member=alex&token={Token}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var request = await ExportedRequestSpanAsync("/api/case/R-7Q2K");

        // The span is there and still says which page was asked for; only the query string is gone.
        Assert.Equal("/api/case/R-7Q2K", request.GetTagItem("url.path"));
        Assert.Null(request.GetTagItem("url.query"));
        var everything = string.Join("\n", request.TagObjects.Select(t => $"{t.Key}={t.Value}").Append(request.DisplayName));
        Assert.DoesNotContain("SECRET-LINK-TOKEN", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("token=", everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_link_token_in_the_query_string_never_reaches_the_logs()
    {
        using var response = await http.GetAsync(new Uri($"/api/case/R-7Q2K?member=alex&token={Token}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await app.StopAsync();

        Assert.DoesNotContain(logs.Lines, l => l.Contains("SECRET-LINK-TOKEN", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains("token=", StringComparison.Ordinal));
    }

    [Fact]
    public void Full_urls_written_by_other_instrumentations_lose_their_query_string()
    {
        using var source = new ActivitySource("CocReports.Tests.Outgoing");
        using var provider = Sdk.CreateTracerProviderBuilder()
            .AddSource(source.Name)
            .AddProcessor(new QueryStringScrubber())
            .AddInMemoryExporter(spans)
            .Build();

        using (var call = source.StartActivity("GET"))
        {
            call!.SetTag("url.full", $"https://coc.example.org/api/status?code={Token}");
            call.SetTag("http.url", $"https://coc.example.org/api/status?code={Token}");
            call.SetTag("http.target", $"/api/status?code={Token}");
        }

        var exported = Assert.Single(spans);
        Assert.Equal("https://coc.example.org/api/status", exported.GetTagItem("url.full"));
        Assert.Equal("https://coc.example.org/api/status", exported.GetTagItem("http.url"));
        Assert.Equal("/api/status", exported.GetTagItem("http.target"));
    }

    [Fact]
    public void The_procedure_counters_are_exported_with_their_procedure_tags()
    {
        var procedure = app.Services.GetRequiredService<ProcedureMetrics>();

        procedure.ReportReceived("form");
        procedure.StepRecorded(CaseStep.AcknowledgeOverdue);
        procedure.StepRecorded(CaseStep.MailFailed);
        app.Services.GetRequiredService<MeterProvider>().ForceFlush();

        Assert.Equal(1, Sum("cocreports.reports.received", ("door", "form")));
        Assert.Equal(1, Sum("cocreports.promises.missed", ("promise", "Acknowledge")));
        Assert.Equal(1, Sum("cocreports.mails.failed"));
    }

    async Task<Activity> ExportedRequestSpanAsync(string path)
    {
        // The server span ends after the response is written; wait for it rather than for a fixed time.
        var provider = app.Services.GetRequiredService<TracerProvider>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            provider.ForceFlush();
            lock (spans)
            {
                var found = spans.FirstOrDefault(s => s.Kind == ActivityKind.Server && Equals(s.GetTagItem("url.path"), path));
                if (found is not null)
                {
                    return found;
                }
            }

            Assert.True(DateTime.UtcNow < deadline, "The request span was never exported.");
            await Task.Delay(50);
        }
    }

    long Sum(string name, (string Key, string Value)? tag = null)
    {
        long total = 0;
        foreach (var metric in metrics.Where(m => m.Name == name).Distinct())
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var matches = tag is not { } t;
                foreach (var pair in point.Tags)
                {
                    matches |= tag is { } wanted && pair.Key == wanted.Key && Equals(pair.Value, wanted.Value);
                }

                if (matches)
                {
                    total += point.GetSumLong();
                }
            }
        }

        return total;
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>Every log line written, at any level, as the host's log sinks would receive it.</summary>
sealed class CapturedLogs : ILoggerProvider
{
    readonly System.Collections.Concurrent.ConcurrentQueue<string> lines = new();

    public IReadOnlyList<string> Lines => [.. lines];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

    public void Dispose()
    {
    }

    sealed class Logger(string category, System.Collections.Concurrent.ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{category}: {formatter(state, exception)}");
    }
}
