namespace CocReports.Procedure.Patterns;

/// <summary>Another report sharing an identifier with this one; <see cref="Weak"/> when only weak identifiers are shared.</summary>
public sealed record PatternMatch(string Reference, bool Weak)
{
    /// <summary>How strong the match is, in the same words on the case page, the Identify page and in mail.</summary>
    public string Strength => Weak ? "Same handle on another platform (a weaker match)" : "Same identifier";

    /// <summary>The match as one line: what a link to the other report reads.</summary>
    public string Line => $"Report {Reference}: {Strength.ToLowerInvariant()}";
}
