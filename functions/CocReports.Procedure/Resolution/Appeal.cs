namespace CocReports.Procedure.Resolution;

/// <summary>What makes a case an appeal: the resolved case it appeals (<paramref name="Of"/>), who appeals, and on which ground.</summary>
public sealed record Appeal(string Of, AppealParty By, string Ground);
