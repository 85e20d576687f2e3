using System.ComponentModel.DataAnnotations;
using CocReports.Procedure;

namespace CocReports.Adapters.Mail.Acs;

/// <summary>Settings of the Azure Communication Services email transport (section <c>Mail:Acs</c> plus the sender).</summary>
public sealed class AcsEmailOptions : IValidatableObject
{
    /// <summary>The Communication Services endpoint, e.g. https://name.europe.communication.azure.com.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Optional <c>endpoint=https://...;accesskey=BASE64</c>; when set, requests are signed with the access key.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Client id of the user-assigned managed identity; empty means DefaultAzureCredential.</summary>
    public string? ClientId { get; set; }

    /// <summary>A sender address of a domain linked to the Communication Services resource.</summary>
    [Required(ErrorMessage = "Mail:FromAddress is required.")]
    public string FromAddress { get; set; } = "";

    /// <summary>Display name of the sender; ACS takes it from the sender username resource, so it is informational here.</summary>
    public string? FromName { get; set; }

    /// <summary>
    /// Retries of one request after a network error or a 5xx, in process and within seconds. A 429 is never retried
    /// here: it goes back to the workflow with its Retry-After (see <see cref="AcsEmailSender"/>).
    /// </summary>
    [Range(0, int.MaxValue, ErrorMessage = "Mail:Acs:MaxRetries must not be negative.")]
    public int MaxRetries { get; set; } = 2;

    /// <summary>First in-process retry delay when the service gives no Retry-After; later ones back off exponentially.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a throttled send asks the workflow to wait when ACS sends no Retry-After.</summary>
    [Positive(ErrorMessage = "Mail:Acs:ThrottledWait must be positive.")]
    public TimeSpan ThrottledWait { get; set; } = TimeSpan.FromMinutes(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Endpoint is null && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult("Mail:Acs:Endpoint or Mail:Acs:ConnectionString is required.", [nameof(Endpoint), nameof(ConnectionString)]);
        }
    }
}
