using CocReports.Procedure.Resolution;

namespace CocReports.Procedure.Storage;

/// <summary>An appeal of a case's resolution: by whom, when, and the case that hears it.</summary>
public sealed record FiledAppeal(AppealParty By, string Reference, DateTimeOffset At);
