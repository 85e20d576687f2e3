namespace CocReports.Procedure.Reports;

/// <summary>An attachment that was not kept (its type or its size), recorded so the committee and the sender know.</summary>
public sealed record RefusedEvidence(string FileName, string Reason);
