namespace CocReports.Procedure.Organizers;

/// <summary>
/// The people who take reports in person at events. Bound from the "Organizers" section; removing someone revokes
/// their intake link at once.
/// </summary>
public sealed class OrganizerOptions
{
    public const string Section = "Organizers";

    public List<Organizer> People { get; set; } = [];

    public Organizer? Find(string id) => People.FirstOrDefault(o => o.Id == id);

    /// <summary>Everyone else organizing the same event: who hears at once of an urgent report taken there.</summary>
    public IEnumerable<Organizer> OthersAt(Organizer organizer) =>
        People.Where(o => o.Id != organizer.Id && string.Equals(o.Event, organizer.Event, StringComparison.OrdinalIgnoreCase));
}

/// <summary>One organizer of one event, and the event's dates (as written, shown to the committee).</summary>
public sealed class Organizer
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public string Email { get; set; } = "";

    public string Event { get; set; } = "";

    public string? EventDates { get; set; }
}
