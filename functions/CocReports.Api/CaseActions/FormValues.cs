using CocReports.Procedure.Rendering;
using System.Globalization;
using CocReports.Procedure.Storage;
using Microsoft.AspNetCore.Http;

namespace CocReports.Api.CaseActions;

/// <summary>Reads the action forms' values the same way everywhere.</summary>
static class FormValues
{
    public static string? Text(IFormCollection form, string name) =>
        form[name].ToString() is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    public static Finding? Finding(IFormCollection form, string name) => Text(form, name) switch
    {
        "yes" => Procedure.Storage.Finding.Yes,
        "no" => Procedure.Storage.Finding.No,
        "undecided" => Procedure.Storage.Finding.NotYetDecided,
        _ => null,
    };

    /// <summary>
    /// A promised date. A calendar date ("2026-12-01") means by the end of that day (UTC), so reminders come once the
    /// day has passed; a full timestamp is taken as given.
    /// </summary>
    public static DateTimeOffset? Date(IFormCollection form, string name)
    {
        var text = Text(form, name);
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
    }

    public static void RequireFutureDate(Dictionary<string, string> errors, DateTimeOffset? date, DateTimeOffset now, string name, Texts t)
    {
        if (date is null)
        {
            errors[name] = t["Action.NextUpdate.Missing"];
        }
        else if (date <= now)
        {
            errors[name] = t["Action.NextUpdate.Past"];
        }
    }
}
