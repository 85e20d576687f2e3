namespace CocReports.Procedure.Mail;

/// <summary>Sends one email. Throws when the message was not accepted, so the durable activity retries it.</summary>
public interface IMailSender
{
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken);
}
