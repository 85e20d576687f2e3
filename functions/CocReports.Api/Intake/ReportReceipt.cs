namespace CocReports.Api.Intake;

/// <summary>What a reporter gets back: the reference, the receipt code (shown once), and where to follow the report.</summary>
public sealed record ReportReceipt(string Reference, string ReceiptCode, Uri StatusUrl);
