using CocReports.Procedure.Links;
using CocReports.Procedure.Mail;
using CocReports.Procedure.Rendering;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Workflow;

namespace CocReports.Procedure.Notifications;

/// <summary>A party's way to appeal the resolution, in the mail that tells them of it: their link, and until when it works.</summary>
public sealed record AppealOffer(Uri Link, DateTimeOffset Until)
{
    /// <summary>
    /// The offer to <paramref name="party"/> (<see cref="ActionLinks.Reporter"/> or <see cref="ActionLinks.ReportedPerson"/>):
    /// the window runs from the resolution, on the case's own schedule (<paramref name="live"/> for a report from before it was kept).
    /// </summary>
    public static AppealOffer For(Report report, DateTimeOffset resolvedAt, string party, WorkflowOptions live, ActionLinks links)
    {
        var until = resolvedAt + (report.Schedule ?? live).AppealWindow;
        return new AppealOffer(links.CreateAppeal(report.Reference, party, until), until);
    }

    public static MailBody AppendTo(MailBody body, AppealOffer? offer, Texts t) =>
        offer is null ? body : body.Paragraph(t.Format("Appeal.Mail.Offer", Texts.Time(offer.Until))).Link(t["Appeal.Mail.Link"], offer.Link);
}
