using CocReports.Procedure.Rendering;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;

namespace CocReports.Api.Pages;

/// <summary>
/// A server page: a Razor component rendered inside <see cref="PageShell"/> (the one layout), sent with the one set
/// of page headers. A new page is a component and one call: <c>PageResult.Of&lt;MyPage&gt;(title, parameters)</c>.
/// </summary>
public sealed class PageResult(string title, Type body, IDictionary<string, object> parameters, int statusCode, string language, string? refreshTo = null, bool runsPasskeys = false) : IResult
{
    public static PageResult Of<TComponent>(string title, IDictionary<string, object> parameters, int statusCode = StatusCodes.Status200OK, string language = Texts.Default)
        where TComponent : IComponent =>
        new(title, typeof(TComponent), parameters, statusCode, language);

    public int StatusCode => statusCode;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var html = await ComponentHtml.RenderAsync<PageShell>(new Dictionary<string, object?>
        {
            [nameof(PageShell.Title)] = title,
            [nameof(PageShell.Language)] = language,
            [nameof(PageShell.RefreshTo)] = refreshTo,
            [nameof(PageShell.Script)] = runsPasskeys ? PasskeyScript.Path : null,
            [nameof(PageShell.Body)] = body,
            [nameof(PageShell.BodyParameters)] = parameters,
        });
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = "text/html; charset=utf-8";
        SecurityHeaders.ApplyTo(response, runsPasskeys);
        await response.WriteAsync(html, httpContext.RequestAborted);
    }
}
