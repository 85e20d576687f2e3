namespace CocReports.Procedure.Intake.Mail;

/// <summary>
/// The order in which one poll hands over the messages waiting in the conduct mailbox. Replies into a case come first:
/// a flood of new reports, which the door's budget defers, never holds back the answers of a case already open. Then
/// messages never tried before those that failed, so a stuck one can't hold back the rest. Within each, one sender
/// domain after another, oldest first within a domain: a domain that filled the mailbox takes one turn a round, not the
/// whole poll, and the report of someone writing from elsewhere is reached in the first poll.
/// </summary>
public static class MailboxTurns
{
    /// <param name="waiting">Oldest first.</param>
    public static IEnumerable<T> Order<T>(IReadOnlyList<T> waiting, Func<T, bool> isReply, Func<T, bool> failedBefore, Func<T, string> senderDomain)
    {
        var replies = waiting.Where(isReply).ToList();
        var reports = waiting.Where(m => !isReply(m)).ToList();
        return replies.Where(m => !failedBefore(m)).Concat(replies.Where(failedBefore))
            .Concat(Rounds(reports.Where(m => !failedBefore(m)), senderDomain))
            .Concat(Rounds(reports.Where(failedBefore), senderDomain));
    }

    /// <summary>The first message of every domain, then the second of every domain, and so on; domains by their oldest message.</summary>
    static IEnumerable<T> Rounds<T>(IEnumerable<T> messages, Func<T, string> senderDomain)
    {
        var byDomain = messages.GroupBy(senderDomain, StringComparer.Ordinal).Select(g => g.ToList()).ToList();
        for (var round = 0; byDomain.Any(d => d.Count > round); round++)
        {
            foreach (var domain in byDomain.Where(d => d.Count > round))
            {
                yield return domain[round];
            }
        }
    }
}
