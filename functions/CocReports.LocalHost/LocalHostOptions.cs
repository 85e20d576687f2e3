using System.ComponentModel.DataAnnotations;
using CocReports.Procedure;

namespace CocReports.LocalHost;

/// <summary>Settings of the local host only. Bound from the "LocalHost" section.</summary>
public sealed class LocalHostOptions
{
    public const string Section = "LocalHost";

    /// <summary>The loopback port the Durable Task sidecar serves gRPC on; 0 picks a free one.</summary>
    [Range(0, 65535)]
    public int SidecarPort { get; set; } = 7072;

    [Required]
    public string TaskHubName { get; set; } = "CocReportsLocal";

    /// <summary>Stable across restarts: a new id would wait for the old one's partition leases to expire.</summary>
    [Required]
    public string WorkerId { get; set; } = "coc-localhost";

    /// <summary>The Azure Storage provider backs off polling its queues up to this; short keeps local steps snappy.</summary>
    [Positive]
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a fetched message stays hidden from other workers. A host stopped mid-step leaves its messages
    /// locked this long; the engine's default (5 minutes) is long for a local host that restarts often.
    /// </summary>
    [Positive]
    public TimeSpan MessageVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// False: this host serves HTTP and starts workflows but runs none of them, nor the timers; another host on the
    /// same task hub runs them. That is how Flex Consumption places them: HTTP functions and durable functions scale in
    /// separate groups of instances (per-function scaling,
    /// https://learn.microsoft.com/azure/azure-functions/event-driven-scaling).
    /// </summary>
    public bool Workflows { get; set; } = true;

    /// <summary>Where static-form/ is; empty means the nearest one above the content root.</summary>
    public string? StaticFormPath { get; set; }
}
