using System.Text.Json.Nodes;

namespace CocReports.Infra.Tests;

/// <summary>
/// Flex Consumption refuses a list of site properties and app settings that other plans accept (siteConfig.ftpsState
/// once stopped the first <c>azd up</c>). The list is Microsoft's "Flex Consumption plan deprecations":
/// https://learn.microsoft.com/azure/azure-functions/functions-app-settings#flex-consumption-plan-deprecations
/// </summary>
public sealed class FlexConsumptionTests(CompiledTemplate template) : IClassFixture<CompiledTemplate>
{
    static readonly string[] RefusedSiteProperties =
    [
        "ftpsState", "use32BitWorkerProcess", "isReserved", "IsXenon", "windowsFxVersion", "alwaysOn",
        "preWarmedInstanceCount", "functionAppScaleLimit", "containerSize", "javaVersion", "powerShellVersion",
        "netFrameworkVersion", "linuxFxVersion",
    ];

    static readonly string[] RefusedAppSettings =
    [
        "WEBSITE_NODE_DEFAULT_VERSION", "FUNCTIONS_EXTENSION_VERSION", "FUNCTIONS_WORKER_RUNTIME",
        "FUNCTIONS_WORKER_RUNTIME_VERSION", "FUNCTIONS_MAX_HTTP_CONCURRENCY", "FUNCTIONS_WORKER_PROCESS_COUNT",
        "FUNCTIONS_WORKER_DYNAMIC_CONCURRENCY_ENABLED", "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", "WEBSITE_CONTENTSHARE",
    ];

    [Fact]
    public void The_site_sets_no_property_flex_consumption_refuses()
    {
        var site = template.OnlyResource("Microsoft.Web/sites");
        var names = CompiledTemplate.Descendants(site)
            .OfType<JsonObject>()
            .SelectMany(o => o.Select(p => p.Key))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

        Assert.All(RefusedSiteProperties, p => Assert.DoesNotContain(p, names));
    }

    [Fact]
    public void No_app_setting_is_one_flex_consumption_refuses()
    {
        Assert.All(RefusedAppSettings, s => Assert.DoesNotContain($"'{s}'", template.Text, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void The_host_lets_a_full_report_through_to_the_app()
    {
        // The host refuses bodies over FUNCTIONS_REQUEST_BODY_SIZE_LIMIT (100 MB by default) before the app runs:
        // https://learn.microsoft.com/azure/azure-functions/functions-app-settings#functions_request_body_size_limit
        var api = Assert.Single(template.Resources("Microsoft.Resources/deployments"), d => (string?)d["name"] == "api");
        var limit = (string)api["properties"]!["parameters"]!["requestBodyLimitBytes"]!["value"]!;
        var appSettings = (string)api["properties"]!["parameters"]!["appSettings"]!["value"]!;

        Assert.Contains("'FUNCTIONS_REQUEST_BODY_SIZE_LIMIT', string(parameters('requestBodyLimitBytes'))", template.Text, StringComparison.Ordinal);
        Assert.Contains("'Intake__MaxReportBytes', string(parameters('maxReportBytes'))", appSettings, StringComparison.Ordinal);
        var headroom = System.Text.RegularExpressions.Regex.Match(limit, @"^\[add\(parameters\('maxReportBytes'\), (\d+)\)\]$");
        Assert.True(headroom.Success, limit);
        Assert.True(long.Parse(headroom.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 1024 * 1024, "Leave room for the multipart framing.");
    }

    [Fact]
    public void Always_ready_instances_are_a_parameter_that_may_be_zero()
    {
        var parameter = template.Json["parameters"]!["durableAlwaysReady"]!;

        Assert.Equal(1, (int)parameter["defaultValue"]!);
        Assert.Equal(0, (int)parameter["minValue"]!);
    }
}
