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
        // The sender from the Mail section, the transport from Mail:Acs; checked at start like every other section.
        services.AddOptions<AcsEmailOptions>().Bind(section).Bind(section.GetSection("Acs")).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IMailSender, AcsEmailSender>();
        return services;
    }
}
