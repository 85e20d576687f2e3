using System.ComponentModel.DataAnnotations;

namespace CocReports.Procedure.Transparency;

/// <summary>The transparency report's settings: the incident types the committee chooses from when resolving, and k.</summary>
public sealed class TransparencyOptions
{
    public const string Section = "Transparency";

    /// <summary>The categories offered when resolving a report; the published table counts by them.</summary>
    public List<string> IncidentTypes { get; set; } =
        ["Harassment or intimidation", "Insulting or demeaning language", "Unwelcome sexual attention", "Threats or violence", "Disrupting discussions or events", "Other"];

    /// <summary>The smallest k: with 2, "fewer than 2" would say exactly 1.</summary>
    public const int SmallestK = 3;

    /// <summary>Counts from 1 to k-1 identify people: they are published as "fewer than k", after merging categories.</summary>
    [Range(SmallestK, int.MaxValue, ErrorMessage = "Transparency:K must be at least {1}: with 2, \"fewer than 2\" would publish that there was exactly 1.")]
    public int K { get; set; } = SmallestK;
}
