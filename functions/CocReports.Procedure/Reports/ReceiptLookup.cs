using CocReports.Procedure.Storage;

namespace CocReports.Procedure.Reports;

/// <summary>
/// Finds the report a reference and receipt code open, doing the same work whether or not the reference exists:
/// one storage read, one hash and one constant-time compare, against a decoy hash when there is no report. A
/// reference that exists must not answer measurably slower than one that doesn't.
/// </summary>
public sealed class ReceiptLookup(Func<string, CancellationToken, Task<Report?>> find, Func<string, string, bool> matches)
{
    /// <summary>Read instead of a malformed reference, so that case costs a storage read too. No report ever has it.</summary>
    const string DecoyReference = "COC-0000-0000";

    /// <summary>A hash of a code nobody holds, the same length as a real one (the compare stops early on a length mismatch).</summary>
    static readonly string DecoyHash = ReceiptCode.Hash(ReceiptCode.New());

    public ReceiptLookup(IReportStore reports)
        : this(reports.FindAsync, ReceiptCode.Matches)
    {
    }

    public async Task<Report?> FindAsync(string reference, string receiptCode, CancellationToken cancellationToken)
    {
        var report = await find(ReportReference.IsWellFormed(reference) ? reference : DecoyReference, cancellationToken);
        if (report is not null && report.Reference != reference)
        {
            report = null;
        }

        var matched = matches(receiptCode, report?.ReceiptCodeHash ?? DecoyHash);
        return matched && report is not null ? report : null;
    }
}
