namespace CocReports.Procedure.Intake;

/// <summary>A file or the whole report went over its size limit while streaming in.</summary>
public sealed class EvidenceTooLargeException : Exception
{
    public EvidenceTooLargeException()
        : base("The evidence is larger than allowed.")
    {
    }

    public EvidenceTooLargeException(string message)
        : base(message)
    {
    }

    public EvidenceTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
