using System.Diagnostics.Metrics;
using CocReports.Procedure.Timeline;
using CocReports.Procedure.Workflow;

namespace CocReports.Procedure.Telemetry;

/// <summary>
/// What a committee and its operators watch, as counters: reports received (by the door they came through),
/// promises of the procedure kept and missed, mails that failed after every retry, and inbound messages set aside. Tags carry procedure words
/// only, never a reference, a name or an address, so the numbers can go to any telemetry backend.
/// </summary>
public sealed class ProcedureMetrics
{
    public const string MeterName = "CocReports.Procedure";

    readonly Counter<long> received;
    readonly Counter<long> kept;
    readonly Counter<long> missed;
    readonly Counter<long> mailsFailed;
    readonly Counter<long> mailsQuarantined;

    public ProcedureMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        received = meter.CreateCounter<long>("cocreports.reports.received", "{report}", "Reports stored, by the door they came through.");
        kept = meter.CreateCounter<long>("cocreports.promises.kept", "{promise}", "Promises of the procedure met: acknowledged, followed up, status updated.");
        missed = meter.CreateCounter<long>("cocreports.promises.missed", "{promise}", "Promises of the procedure that went overdue and were escalated.");
        mailsFailed = meter.CreateCounter<long>("cocreports.mails.failed", "{mail}", "Mails that still failed after every retry.");
        mailsQuarantined = meter.CreateCounter<long>("cocreports.mails.quarantined", "{mail}", "Inbound messages set aside after failing every import, by the door they came to.");
    }

    /// <summary>A report was stored; <paramref name="door"/> names how it came in ("form", …).</summary>
    public void ReportReceived(string door) => received.Add(1, new KeyValuePair<string, object?>("door", door));

    /// <summary>An inbound message was set aside (<see cref="Intake.Mail.MailQuarantine"/>); <paramref name="door"/> is "email" or "webhook".</summary>
    public void MailQuarantined(string door) => mailsQuarantined.Add(1, new KeyValuePair<string, object?>("door", door));

    /// <summary>Counts a step written to a case's timeline, when it is one the counters above follow.</summary>
    public void StepRecorded(CaseStep step)
    {
        if (step == CaseStep.MailFailed)
        {
            mailsFailed.Add(1);
        }
        else if (step.Keeps is { } promise)
        {
            kept.Add(1, Promise(promise));
        }
        else if (step.Misses is { } overdue)
        {
            missed.Add(1, Promise(overdue));
        }
    }

    static KeyValuePair<string, object?> Promise(PromiseKind promise) => new("promise", promise.ToString());
}
