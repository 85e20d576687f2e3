using CocReports.Procedure.Mail;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CocReports.Adapters.Mail.Acs;

public static class AcsEmailServiceCollectionExtensions
{
    /// <summary>
    /// Sends mail through Azure Communication Services. Pass the <c>Mail</c> section: the sender comes from
    /// <c>Mail:FromAddress</c>/<c>Mail:FromName</c>, the transport from <c>Mail:Acs:*</c>.
    /// </summary>
    public static IServiceCollection AddAcsEmail(this IServiceCollection services, IConfiguration section)
    {
        services.AddOptions<AcsEmailOptions>()
            .Configure(options =>
            {
                section.Bind(options);
                section.GetSection("Acs").Bind(options);
            })
            .Validate(o => o.Endpoint is not null || !string.IsNullOrWhiteSpace(o.ConnectionString),
                "Mail:Acs:Endpoint or Mail:Acs:ConnectionString is required.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.FromAddress), "Mail:FromAddress is required.")
            .Validate(o => o.MaxRetries >= 0 && o.ThrottledWait > TimeSpan.Zero, "Mail:Acs:MaxRetries must not be negative and Mail:Acs:ThrottledWait must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IMailSender, AcsEmailSender>();
        return services;
    }
}
