namespace CocReports.Procedure.Workflow;

/// <summary>
/// How long a case resolved with one response is kept (<see cref="WorkflowOptions.RetentionByResponse"/>). A list of
/// pairs rather than a map keyed by the response: an app setting's name can't hold the spaces a response's name has.
/// </summary>
public sealed class ResponseRetention
{
    /// <summary>The response's name, as on the ladder (<see cref="Resolution.ResponseOptions.Ladder"/>).</summary>
    public string Response { get; set; } = "";

    [Positive]
    public TimeSpan Keep { get; set; }
}
