using System.Diagnostics.Metrics;

namespace CocReports.Procedure.Tests.Telemetry;

/// <summary>
/// A meter factory whose meters only this instance listens to, so tests running in parallel don't see each
/// other's measurements; keeps every measurement as (instrument, value, tags).
/// </summary>
public sealed class RecordedMeasurements : IMeterFactory
{
    readonly List<Meter> meters = [];
    readonly MeterListener listener = new();
    readonly List<(string Instrument, long Value, Dictionary<string, object?> Tags)> measurements = [];

    public RecordedMeasurements()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, this))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            lock (measurements)
            {
                measurements.Add((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
            }
        });
        listener.Start();
    }

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(options.Name, options.Version, options.Tags, scope: this);
        meters.Add(meter);
        return meter;
    }

    /// <summary>The sum recorded on an instrument, for measurements whose tags include <paramref name="tag"/>.</summary>
    public long Total(string instrument, (string Key, string Value)? tag = null)
    {
        lock (measurements)
        {
            return measurements
                .Where(m => m.Instrument == instrument)
                .Where(m => tag is not { } t || (m.Tags.TryGetValue(t.Key, out var v) && Equals(v, t.Value)))
                .Sum(m => m.Value);
        }
    }

    public IReadOnlyList<Dictionary<string, object?>> TagsOf(string instrument)
    {
        lock (measurements)
        {
            return [.. measurements.Where(m => m.Instrument == instrument).Select(m => m.Tags)];
        }
    }

    public void Dispose()
    {
        listener.Dispose();
        foreach (var meter in meters)
        {
            meter.Dispose();
        }
    }
}
