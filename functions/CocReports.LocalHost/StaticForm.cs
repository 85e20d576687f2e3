using CocReports.Api.Pages;
using Microsoft.Extensions.FileProviders;

namespace CocReports.LocalHost;

/// <summary>Serves static-form/ at "/", as the static website does in Azure, with the same privacy headers.</summary>
static class StaticForm
{
    public static WebApplication UseStaticForm(this WebApplication app, LocalHostOptions options)
    {
        var root = options.StaticFormPath is { Length: > 0 } configured ? Path.GetFullPath(configured) : Find(app.Environment.ContentRootPath);
        var files = new PhysicalFileProvider(root);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context =>
            {
                SecurityHeaders.ApplyTo(context.Context.Response);

                // The form's own pages run its scripts; embed.html may be framed by any site (the iframe embed).
                context.Context.Response.Headers.ContentSecurityPolicy = context.File.Name == "embed.html"
                    ? "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'"
                    : "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
            },
        });
        return app;
    }

    static string Find(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "static-form");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("static-form/ was not found above the content root; set LocalHost:StaticFormPath.");
    }
}
