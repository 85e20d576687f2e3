namespace CocReports.Procedure.Patterns;

/// <summary>Another report sharing an identifier with this one; <see cref="Weak"/> when only weak identifiers are shared.</summary>
public sealed record PatternMatch(string Reference, bool Weak);
