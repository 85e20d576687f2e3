namespace CocReports.Adapters.Mail.Acs;

/// <summary>Settings of the Azure Communication Services email transport (section <c>Mail:Acs</c> plus the sender).</summary>
public sealed class AcsEmailOptions
{
    /// <summary>The Communication Services endpoint, e.g. https://name.europe.communication.azure.com.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Optional <c>endpoint=https://...;accesskey=BASE64</c>; when set, requests are signed with the access key.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Client id of the user-assigned managed identity; empty means DefaultAzureCredential.</summary>
    public string? ClientId { get; set; }

    /// <summary>A sender address of a domain linked to the Communication Services resource.</summary>
    public string FromAddress { get; set; } = "";

    /// <summary>Display name of the sender; ACS takes it from the sender username resource, so it is informational here.</summary>
    public string? FromName { get; set; }

    /// <summary>Wait between status polls when the service does not say how long to wait.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Polls before giving up; the activity then retries and the same operation id prevents a second send.</summary>
    public int MaxPolls { get; set; } = 40;

    /// <summary>Retries of one HTTP request on 429/5xx, each waiting as long as Retry-After asks.</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>First retry delay when the service gives no Retry-After; later ones back off exponentially.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);
}
