using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace CocReports.Functions;

/// <summary>Lets a function return the shared handlers' IResult: the Functions ASP.NET Core integration expects IActionResult.</summary>
sealed class ResultAction(IResult result) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context) => result.ExecuteAsync(context.HttpContext);
}
