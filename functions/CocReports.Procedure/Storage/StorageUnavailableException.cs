namespace CocReports.Procedure.Storage;

/// <summary>
/// Storage could not be reached or answered with a server error after the client's own retries: an outage, not a
/// refusal. Callers answer "try again later" and keep nothing half-done.
/// </summary>
public sealed class StorageUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
