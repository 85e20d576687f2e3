using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using CocReports.Procedure.Storage;

namespace CocReports.Adapters;

/// <summary>
/// Turns what is left of a storage outage after the client's own retries (no connection, a timeout, a 5xx answer) into
/// <see cref="StorageUnavailableException"/>, so the procedure can tell "try again later" from a bug without naming
/// Azure types. Added per call, outside the retries: it sees only the final outcome.
/// </summary>
sealed class StorageOutagePolicy : HttpPipelinePolicy
{
    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        try
        {
            await ProcessNextAsync(message, pipeline);
        }
        catch (Exception e) when (IsOutage(e, message))
        {
            throw new StorageUnavailableException("Storage could not be reached.", e);
        }

        ThrowOnServerError(message);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        try
        {
            ProcessNext(message, pipeline);
        }
        catch (Exception e) when (IsOutage(e, message))
        {
            throw new StorageUnavailableException("Storage could not be reached.", e);
        }

        ThrowOnServerError(message);
    }

    // The caller's own cancellation is not an outage; a transport failure or a network timeout is. When every retry
    // failed that way, the retry policy throws them together as an AggregateException.
    static bool IsOutage(Exception e, HttpMessage message) =>
        !message.CancellationToken.IsCancellationRequested
        && (e is AggregateException all ? all.InnerExceptions.All(IsTransportFailure) : IsTransportFailure(e));

    static bool IsTransportFailure(Exception e) =>
        e is RequestFailedException { Status: 0 } or HttpRequestException or IOException or TaskCanceledException;

    static void ThrowOnServerError(HttpMessage message)
    {
        if (message.HasResponse && message.Response.Status is 500 or 502 or 503 or 504)
        {
            throw new StorageUnavailableException($"Storage answered {message.Response.Status}.");
        }
    }
}
