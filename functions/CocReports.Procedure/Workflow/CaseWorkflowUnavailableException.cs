namespace CocReports.Procedure.Workflow;

/// <summary>
/// The workflow engine could not be reached. What was being done is stored already; the sweep starts or tells the
/// workflow once the engine answers, so callers keep the report and answer the person in front of them.
/// </summary>
public sealed class CaseWorkflowUnavailableException(string message, Exception inner) : Exception(message, inner);
