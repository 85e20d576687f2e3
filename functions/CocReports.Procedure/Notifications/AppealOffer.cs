using CocReports.Procedure.Mail;
using CocReports.Procedure.Rendering;

namespace CocReports.Procedure.Notifications;

/// <summary>A party's way to appeal the resolution, in the mail that tells them of it: their link, and until when it works.</summary>
public sealed record AppealOffer(Uri Link, DateTimeOffset Until)
{
    public static MailBody AppendTo(MailBody body, AppealOffer? offer, Texts t) =>
        offer is null ? body : body.Paragraph(t.Format("Appeal.Mail.Offer", Texts.Time(offer.Until))).Link(t["Appeal.Mail.Link"], offer.Link);
}
