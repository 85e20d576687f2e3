using CocReports.Procedure.OpenCases;

namespace CocReports.Procedure.Tests.OpenCases;

public class DigestScheduleTests
{
    // 2026-11-23 is a Monday.
    static readonly DateTimeOffset Monday8 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_digest_is_due_from_its_day_and_time_for_a_day_and_names_that_week()
    {
        var schedule = new DigestSchedule(new OpenCasesOptions());

        Assert.Null(schedule.DueWeek(Monday8.AddMinutes(-1)));
        Assert.Equal(Monday8, schedule.DueWeek(Monday8));
        Assert.Equal(Monday8, schedule.DueWeek(Monday8.AddHours(3)));
        Assert.Equal(Monday8, schedule.DueWeek(Monday8.AddDays(1).AddMinutes(-1)));
        Assert.Null(schedule.DueWeek(Monday8.AddDays(1)));
        Assert.Null(schedule.DueWeek(Monday8.AddDays(4)));
        Assert.Equal(Monday8.AddDays(7), schedule.DueWeek(Monday8.AddDays(7).AddMinutes(5)));
    }

    [Fact]
    public void The_day_and_time_are_the_committees_to_choose()
    {
        var schedule = new DigestSchedule(new OpenCasesOptions { DigestDay = DayOfWeek.Friday, DigestAt = new TimeOnly(17, 30) });
        var friday = new DateTimeOffset(2026, 11, 27, 17, 30, 0, TimeSpan.Zero);

        Assert.Null(schedule.DueWeek(Monday8));
        Assert.Null(schedule.DueWeek(friday.AddSeconds(-1)));
        Assert.Equal(friday, schedule.DueWeek(friday.AddHours(2)));

        // A clock in another offset is the same instant.
        Assert.Equal(friday, schedule.DueWeek(friday.AddHours(2).ToOffset(TimeSpan.FromHours(9))));
    }

    [Fact]
    public void A_committee_that_switched_the_digest_off_never_gets_one()
    {
        var schedule = new DigestSchedule(new OpenCasesOptions { WeeklyDigest = false });

        Assert.All(Enumerable.Range(0, 7 * 24), hour => Assert.Null(schedule.DueWeek(Monday8.AddHours(hour))));
    }
}
