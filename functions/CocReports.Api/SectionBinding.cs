using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CocReports.Api;

/// <summary>
/// Binds an options section so that a list the community sets replaces the default list instead of being added to
/// it: the configuration binder appends configured items to a list that already holds defaults, so reminders set to
/// [4 days] would run as [24 hours, 44 hours, 4 days], and a community's own response ladder would keep every default rung.
/// </summary>
public static class SectionBinding
{
    public static OptionsBuilder<T> BindSection<T>(this OptionsBuilder<T> builder, string section) where T : class =>
        builder.BindConfiguration(section).PostConfigure<IConfiguration>((options, configuration) => ReplaceLists(options, configuration.GetSection(section)));

    static void ReplaceLists(object options, IConfigurationSection section)
    {
        foreach (var property in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.CanWrite
                && property.PropertyType.IsGenericType
                && property.PropertyType.GetGenericTypeDefinition() == typeof(List<>)
                && section.GetSection(property.Name) is { } configured
                && configured.Exists())
            {
                property.SetValue(options, configured.Get(property.PropertyType));
            }
        }
    }
}
