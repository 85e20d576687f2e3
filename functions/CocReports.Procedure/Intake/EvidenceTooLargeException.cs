namespace CocReports.Procedure.Intake;

/// <summary>A file or the whole report went over its size limit while streaming in.</summary>
public sealed class EvidenceTooLargeException(string message) : Exception(message)
{
    public EvidenceTooLargeException()
        : this("The evidence is larger than allowed.")
    {
    }

    public EvidenceTooLargeException(string message, Exception innerException)
        : this(message + " " + innerException.Message)
    {
    }
}
