using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace CocReports.Infra.Tests;

/// <summary>
/// scripts/smoke-test.sh --form-site checks the headers the Static Web App serves the form's pages with. Here the site
/// is a stand-in that applies a folder's staticwebapp.config.json as the platform documents it (global headers, then
/// the matching route's headers over them: https://learn.microsoft.com/azure/static-web-apps/configuration), and the
/// script runs with POSIX tools alone, as on a deployer's Mac.
/// </summary>
public sealed class FormSiteSmokeTests : IDisposable
{
    // Nothing listens on the discard port, so the API's own checks fail at once and only the form site's are read.
    const string Api = "http://127.0.0.1:9";
    const string Site = "https://www.example.org";

    readonly string prepared = Path.Combine(Path.GetTempPath(), "coc-site-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task The_prepared_form_site_passes_the_header_checks()
    {
        Prepare();
        await using var site = StaticWebAppStandIn.Serve(prepared, Path.Combine(prepared, "staticwebapp.config.json"));

        var output = RunSmokeTest(site.Url);

        Assert.Contains($"ok    form site /: connect-src allows the API ({Api})", output, StringComparison.Ordinal);
        Assert.Contains($"ok    form site /embed.html: connect-src allows the API ({Api})", output, StringComparison.Ordinal);
        Assert.Contains("ok    form site /: frame-ancestors is 'none'", output, StringComparison.Ordinal);
        Assert.Contains($"ok    form site /embed.html: frame-ancestors is {Site}", output, StringComparison.Ordinal);
        Assert.Contains("ok    form site /: Strict-Transport-Security is set", output, StringComparison.Ordinal);
        Assert.Contains("ok    form site: /README.md is not published", output, StringComparison.Ordinal);
        Assert.Contains("ok    form site: /demo-host.html is not published", output, StringComparison.Ordinal);
        Assert.DoesNotContain("FAIL  form site", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_unprepared_form_folder_fails_the_header_checks()
    {
        // What the Static Web App served before: static-form/ as is, with the template's placeholder headers.
        var form = Path.Combine(Bicep.RepoRoot, "static-form");
        await using var site = StaticWebAppStandIn.Serve(form, Path.Combine(form, "staticwebapp.config.template.json"));

        var output = RunSmokeTest(site.Url);

        Assert.Contains("FAIL  form site /: connect-src does not allow the API", output, StringComparison.Ordinal);
        Assert.Contains("FAIL  form site /embed.html: frame-ancestors is ''", output, StringComparison.Ordinal);
        Assert.Contains("FAIL  form site /: no Strict-Transport-Security header", output, StringComparison.Ordinal);
        Assert.Contains("FAIL  form site: /README.md answered 200", output, StringComparison.Ordinal);
    }

    void Prepare()
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(Bicep.RepoRoot, "scripts", "prepare-form.sh"), Api, prepared, Site])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, error);
    }

    static string RunSmokeTest(string formSite)
    {
        using var tools = new PortableTools();
        var start = new ProcessStartInfo("bash", [Path.Combine(Bicep.RepoRoot, "scripts", "smoke-test.sh"), "--form-site", formSite, Api, Site])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment["PATH"] = tools.PathVariable;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "smoke-test.sh did not finish");
        return output.Result + error;
    }

    public void Dispose()
    {
        if (Directory.Exists(prepared))
            Directory.Delete(prepared, recursive: true);
    }

    /// <summary>Serves a folder with the headers its Static Web Apps config gives each path.</summary>
    sealed class StaticWebAppStandIn : IAsyncDisposable
    {
        readonly HttpListener listener = new();
        readonly Task serving;

        StaticWebAppStandIn(string root, JsonElement config)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Url = $"http://127.0.0.1:{port}";
            listener.Prefixes.Add(Url + "/");
            listener.Start();
            serving = Task.Run(async () =>
            {
                while (listener.IsListening)
                {
                    HttpListenerContext context;
                    try
                    {
                        context = await listener.GetContextAsync();
                    }
                    catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                    {
                        return;
                    }
                    Answer(context, root, config);
                }
            });
        }

        public string Url { get; }

        public static StaticWebAppStandIn Serve(string root, string configFile) =>
            new(root, JsonDocument.Parse(File.ReadAllText(configFile)).RootElement.Clone());

        static void Answer(HttpListenerContext context, string root, JsonElement config)
        {
            var path = context.Request.Url!.AbsolutePath;
            var file = Path.Combine(root, path == "/" ? "index.html" : path.TrimStart('/'));
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (config.TryGetProperty("globalHeaders", out var global))
                foreach (var header in global.EnumerateObject())
                    headers[header.Name] = header.Value.GetString()!;
            if (config.TryGetProperty("routes", out var routes))
                foreach (var route in routes.EnumerateArray().Where(r => r.GetProperty("route").GetString() == path))
                    foreach (var header in route.GetProperty("headers").EnumerateObject())
                        headers[header.Name] = header.Value.GetString()!;

            using var response = context.Response;
            foreach (var (name, value) in headers)
                response.Headers[name] = value;
            if (!File.Exists(file))
            {
                response.StatusCode = 404;
                return;
            }
            var body = File.ReadAllBytes(file);
            response.ContentLength64 = body.Length;
            response.OutputStream.Write(body);
        }

        public async ValueTask DisposeAsync()
        {
            listener.Stop();
            listener.Close();
            await serving;
        }
    }
}
