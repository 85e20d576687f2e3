using CocReports.Procedure.Rendering;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;

namespace CocReports.Procedure.Notifications;

/// <summary>
/// What a reporter is shown of one committee message, written once for their emails and their status page: the
/// procedure's follow-up questions, the update, the question, the outcome.
/// </summary>
public static class ReporterView
{
    public static IEnumerable<(string Label, string? Value)> Fields(CaseMessage message, Texts t) => message.Kind switch
    {
        CaseMessageKind.FollowUp =>
        [
            (t["Reporter.Discussed"], message.Discussed == true ? t["Reporter.Yes"] : t["Reporter.NotYet"]),
            (t["Reporter.Violation"], Describe(message.Violation, t)),
            (t["Reporter.Actions"], message.Actions),
            (t["Reporter.Message"], message.Text),
            (t["Reporter.NextUpdateBy"], t.Date(message.NextUpdateBy)),
        ],
        CaseMessageKind.StatusUpdate => [(t["Reporter.Update"], message.Text), (t["Reporter.NextUpdateBy"], t.Date(message.NextUpdateBy))],
        CaseMessageKind.Question => [(t["Reporter.Question"], message.Text)],
        CaseMessageKind.Resolution =>
        [
            (t["Reporter.Violation"], Describe(message.Violation, t)),
            (t["Reporter.Actions"], message.Actions),
            (t["Reporter.Message"], message.Text),
        ],
        _ => [],
    };

    public static MailBody AppendTo(MailBody body, CaseMessage message, Texts t)
    {
        foreach (var (label, value) in Fields(message, t))
        {
            body.Field(label, value);
        }

        return body;
    }

    public static string Describe(Finding? finding, Texts t) => finding switch
    {
        Finding.Yes => t["Reporter.Yes"],
        Finding.No => t["Reporter.No"],
        _ => t["Reporter.Undecided"],
    };
}
