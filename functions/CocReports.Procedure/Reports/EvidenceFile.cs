namespace CocReports.Procedure.Reports;

/// <summary>One file of evidence as stored: the blob it lives in, its sniffed type, its size and SHA-256 (hex).</summary>
public sealed record EvidenceFile(string BlobName, string FileName, string ContentType, long Length, string Sha256);
