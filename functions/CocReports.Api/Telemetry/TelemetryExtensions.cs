using CocReports.Procedure.Telemetry;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CocReports.Api.Telemetry;

public static class TelemetryExtensions
{
    /// <summary>
    /// What both hosts add to their OpenTelemetry pipeline: the procedure's counters, and the scrubber that keeps
    /// link tokens out of exported spans. Call it before adding an exporter: processors run in the order added.
    /// </summary>
    public static IOpenTelemetryBuilder AddCocReportsTelemetry(this IOpenTelemetryBuilder builder) =>
        builder
            .WithMetrics(metrics => metrics.AddMeter(ProcedureMetrics.MeterName))
            .WithTracing(tracing => tracing.AddProcessor(new QueryStringScrubber()));

    /// <summary>
    /// What both hosts filter from their logs: ASP.NET Core's request logging writes each request's full URL, query
    /// string included, at Information ("Request starting GET …?token=…"), and View and Answer links carry their
    /// token there. Only its warnings and errors are kept.
    /// </summary>
    public static ILoggingBuilder AddCocReportsLogging(this ILoggingBuilder logging) =>
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
}
