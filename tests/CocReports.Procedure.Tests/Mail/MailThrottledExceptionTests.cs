using System.Net.Sockets;
using System.Reflection;
using CocReports.Procedure.Mail;
using Microsoft.DurableTask;

namespace CocReports.Procedure.Tests.Mail;

/// <summary>The workflow's retry handler reads every failed send through <see cref="MailThrottledException.RetryAfterOf"/>.</summary>
public sealed class MailThrottledExceptionTests
{
    /// <summary>
    /// A mail server that is down fails the send with a SocketException, a type that several loaded assemblies name
    /// (System.Net.Primitives defines it; netstandard and System.Net.Sockets forward to it). Reading such a failure must
    /// say "not throttled", not throw: a throwing retry handler fails the send at once instead of retrying it.
    /// </summary>
    [Theory]
    [InlineData("System.Net.Sockets.SocketException")]
    [InlineData("MailKit.Net.Smtp.SmtpProtocolException")]
    [InlineData("System.IO.IOException")]
    [InlineData("")]
    public void A_failure_other_than_throttling_asks_for_no_particular_wait(string errorType)
    {
        // Loaded as in the host, where MailKit's sockets brought them in.
        _ = typeof(Socket);
        _ = Assembly.Load("netstandard");
        var failure = new TaskFailureDetails(errorType, "Connection refused. Retry-After: 90", null, null, null);

        Assert.Null(MailThrottledException.RetryAfterOf(failure));
    }

    [Fact]
    public void A_throttled_send_asks_for_the_wait_the_mail_service_gave()
    {
        var thrown = new MailThrottledException(TimeSpan.FromSeconds(89.2));
        var failure = new TaskFailureDetails(typeof(MailThrottledException).FullName!, thrown.Message, null, null, null);

        Assert.Equal(TimeSpan.FromSeconds(90), MailThrottledException.RetryAfterOf(failure));
    }
}
