namespace CocReports.IntegrationTests;

/// <summary>
/// A timer trigger's six-field NCRONTAB schedule (second minute hour day month day-of-week,
/// https://learn.microsoft.com/azure/azure-functions/functions-bindings-timer), read as far as the Functions app's
/// schedules use it: "*", "*/n" and single values, in UTC.
/// </summary>
public sealed class Ncrontab
{
    readonly string[] fields;

    public Ncrontab(string expression)
    {
        fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(fields.Length == 6, $"\"{expression}\" is not a six-field NCRONTAB expression.");
    }

    /// <summary>The first time after <paramref name="after"/> the schedule fires, looked for within a year.</summary>
    public DateTimeOffset NextAfter(DateTimeOffset after)
    {
        var minute = new DateTimeOffset(after.UtcDateTime.Year, after.UtcDateTime.Month, after.UtcDateTime.Day, after.UtcDateTime.Hour, after.UtcDateTime.Minute, 0, TimeSpan.Zero);
        for (var end = minute.AddDays(367); minute < end; minute = minute.AddMinutes(1))
        {
            if (!Matches(1, minute.Minute) || !Matches(2, minute.Hour) || !Matches(3, minute.Day) || !Matches(4, minute.Month) || !Matches(5, (int)minute.DayOfWeek))
            {
                continue;
            }

            for (var second = 0; second < 60; second++)
            {
                var time = minute.AddSeconds(second);
                if (time > after && Matches(0, second))
                {
                    return time;
                }
            }
        }

        throw new InvalidOperationException($"\"{string.Join(' ', fields)}\" does not fire within a year of {after:O}.");
    }

    bool Matches(int field, int value) => fields[field] switch
    {
        "*" => true,
        var step when step.StartsWith("*/", StringComparison.Ordinal) => value % int.Parse(step[2..], System.Globalization.CultureInfo.InvariantCulture) == 0,
        var single => value == int.Parse(single, System.Globalization.CultureInfo.InvariantCulture),
    };
}
