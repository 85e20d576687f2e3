using System.Collections.Concurrent;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace CocReports.Adapters.Mail.Smtp;

/// <summary>
/// Connected, authenticated SMTP sessions kept for the next mail: announcing a report sends several at once, and each
/// new session costs a connection, a greeting, TLS and authentication before its one message. A session idle for
/// longer than <see cref="MaxIdle"/> is closed rather than reused, well inside the five minutes a server waits for a
/// client's next command (RFC 5321, section 4.5.3.2.7).
/// </summary>
sealed class SmtpConnections(SmtpOptions smtp, TimeProvider clock) : IDisposable
{
    public static readonly TimeSpan MaxIdle = TimeSpan.FromSeconds(30);

    /// <summary>About as many as one announcement sends side by side; more are closed after their mail.</summary>
    const int MaxKept = 4;

    readonly ConcurrentStack<(SmtpClient Client, DateTimeOffset Since)> idle = new();

    /// <summary>A kept session if one is fresh, else a new one; <c>Reused</c> says which.</summary>
    public async Task<(SmtpClient Client, bool Reused)> TakeAsync(CancellationToken cancellationToken)
    {
        while (idle.TryPop(out var kept))
        {
            if (kept.Client.IsConnected && clock.GetUtcNow() - kept.Since < MaxIdle)
            {
                return (kept.Client, true);
            }

            kept.Client.Dispose();
        }

        return (await ConnectAsync(cancellationToken), false);
    }

    public async Task<SmtpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var client = new SmtpClient();
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, Enum.Parse<SecureSocketOptions>(smtp.Security, ignoreCase: true), cancellationToken);
            if (!string.IsNullOrEmpty(smtp.UserName))
            {
                await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
            }

            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>After a mail went out on it: kept for the next, or closed when enough are kept.</summary>
    public void Return(SmtpClient client)
    {
        if (client.IsConnected && idle.Count < MaxKept)
        {
            idle.Push((client, clock.GetUtcNow()));
        }
        else
        {
            client.Dispose();
        }
    }

    public void Dispose()
    {
        while (idle.TryPop(out var kept))
        {
            kept.Client.Dispose();
        }
    }
}
