namespace CocReports.Api.Requests;

/// <summary>A request body went over its handler's limit while it was being read.</summary>
public sealed class BodyTooLargeException : Exception
{
    public BodyTooLargeException()
        : base("The request is larger than allowed.")
    {
    }

    public BodyTooLargeException(string message)
        : base(message)
    {
    }

    public BodyTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
