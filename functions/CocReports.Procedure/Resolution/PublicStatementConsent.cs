using CocReports.Procedure.Storage;

namespace CocReports.Procedure.Resolution;

/// <summary>
/// "The identities of those impacted kept confidential unless they say otherwise": the latest draft public statement,
/// and whether everyone it asked said yes to being named. Silence and "no" are the same: the statement names no one.
/// </summary>
public static class PublicStatementConsent
{
    public const string Yes = "yes";

    public const string No = "no";

    public static CaseMessage? LatestDraft(IEnumerable<CaseMessage> messages) => messages.LastOrDefault(m => m.Kind == CaseMessageKind.PublicStatementDraft);

    /// <summary>The party's latest answer to <paramref name="draft"/>: yes, no, or null while they have not answered.</summary>
    public static string? AnswerOf(IEnumerable<CaseMessage> messages, CaseMessage draft, string party) =>
        messages.LastOrDefault(m => m.Kind == CaseMessageKind.Consent && m.InReplyTo == draft.Id && m.From == party)?.Text;

    /// <summary>The party's latest answer as the committee's pages show it.</summary>
    public static string AnswerShown(IEnumerable<CaseMessage> messages, CaseMessage draft, string party, Rendering.Texts t) =>
        t[AnswerOf(messages, draft, party) switch
        {
            Yes => "Consent.Yes",
            No => "Consent.No",
            _ => "Publish.NotAnswered",
        }];

    /// <summary>Whether the named version may be published: everyone the draft asked said yes.</summary>
    public static bool EveryoneSaidYes(IEnumerable<CaseMessage> messages, CaseMessage draft)
    {
        var all = messages.ToList();
        return draft.Asked.All(party => AnswerOf(all, draft, party) == Yes);
    }
}
