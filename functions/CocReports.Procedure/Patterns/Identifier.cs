namespace CocReports.Procedure.Patterns;

/// <summary>
/// An identifier of a reported person in canonical form ("email:ann@example.org", "github:ann", "handle:ann",
/// "ip:192.0.2.7", "name:ann example"). <see cref="Weak"/> when it can only suggest the same person: a bare handle
/// matches the same handle on any platform.
/// </summary>
public sealed record Identifier(string Canonical, bool Weak)
{
    /// <summary>"email", "github", "handle", "ip", "name"…: what the identifier is, without who it names.</summary>
    public string Kind => Canonical[..Canonical.IndexOf(':', StringComparison.Ordinal)];

    /// <summary>The identifier itself, as the canonical form spells it.</summary>
    public string Value => Canonical[(Canonical.IndexOf(':', StringComparison.Ordinal) + 1)..];
}
