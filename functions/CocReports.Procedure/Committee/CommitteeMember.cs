namespace CocReports.Procedure.Committee;

/// <summary>A committee member. Only <see cref="Id"/> and <see cref="Name"/> are ever shown to reporters.</summary>
public sealed class CommitteeMember
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public string Email { get; set; } = "";
}
