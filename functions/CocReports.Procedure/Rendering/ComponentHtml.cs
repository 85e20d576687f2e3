using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Logging.Abstractions;

namespace CocReports.Procedure.Rendering;

/// <summary>
/// Renders a Razor component to an HTML string with ASP.NET Core's <see cref="HtmlRenderer"/>: the one way every
/// server page and every email body is written. Razor encodes every value it writes, so text from a reporter or a
/// member never becomes markup; the components take no services, so no container is needed.
/// </summary>
public static class ComponentHtml
{
    public static async Task<string> RenderAsync<TComponent>(IReadOnlyDictionary<string, object?> parameters)
        where TComponent : IComponent
    {
        await using var renderer = new HtmlRenderer(NoServices.Instance, NullLoggerFactory.Instance);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters.ToDictionary()));
            return output.ToHtmlString();
        });
    }

    /// <summary>
    /// The renderer asks only for an encoder: one that leaves letters of every script as they are (German, Greek,
    /// Japanese stay readable in the source and the text of a mail) and still encodes everything markup could use.
    /// </summary>
    sealed class NoServices : IServiceProvider
    {
        public static readonly NoServices Instance = new();

        static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

        public object? GetService(Type serviceType) => serviceType == typeof(HtmlEncoder) ? Encoder : null;
    }
}
