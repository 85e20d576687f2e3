namespace CocReports.Procedure.Links;

/// <summary>
/// What a link in an email lets its holder do. The path of each link names the action. Committee members hold
/// all but <see cref="Answer"/> and <see cref="ConfirmSender"/>, which reporters hold (bound to the member id <see cref="ActionLinks.Reporter"/>).
/// </summary>
public enum CaseAction
{
    /// <summary>Open the case page: the report, its evidence and timeline. Not single-use.</summary>
    View,
    Acknowledge,
    Recuse,
    FollowUp,
    StatusUpdate,
    Ask,
    Resolve,
    Answer,

    /// <summary>Open the transparency report page (<see cref="ActionLinks.CreateTransparency"/>): bound to no report, not single-use.</summary>
    Transparency,

    /// <summary>Add or correct the identifiers of the reported person that other reports are matched on.</summary>
    Identify,

    /// <summary>Open the member's list of open cases (<see cref="ActionLinks.CreateOpenCases"/>): bound to no report, not single-use, short-lived.</summary>
    OpenCases,

    /// <summary>
    /// The sender of an emailed report no server vouched for confirms they sent it, from the link mailed to its From
    /// address; held by reporters.
    /// </summary>
    ConfirmSender,

    /// <summary>Add an internal note to the case, which only the members who may see the case read; offered on the case page.</summary>
    Note,

    /// <summary>
    /// An escalation contact vouches for resetting a member's passkeys in a committee of two
    /// (<see cref="ActionLinks.CreatePasskeyResetVouch"/>): bound to that member, acts once.
    /// </summary>
    VouchPasskeyReset,

    /// <summary>A member declares their conflicts before the case page shows them the report; offered on the case page only.</summary>
    Declare,

    /// <summary>A member extends the response decided at resolution (a temporary ban whose conditions were not met).</summary>
    ExtendResponse,

    /// <summary>A member marks a report urgent that the reporter did not: the committee is paged and its promises shorten.</summary>
    MarkUrgent,

    /// <summary>Any one member who may decide takes an interim measure at once, for the committee to confirm or lift within a day.</summary>
    InterimMeasure,

    /// <summary>A member confirms or lifts the interim measure awaiting the committee's review.</summary>
    ReviewMeasure,

    /// <summary>A member who may decide tells the reported person, once, what the committee decided to tell them.</summary>
    TellReported,

    /// <summary>The reported person gives their statement, once, from the link in the committee's notice.</summary>
    Statement,

    /// <summary>A member who may decide places a legal hold on the case, or lifts it: the case is kept past its retention while it holds.</summary>
    LegalHold,

    /// <summary>
    /// The reporter, or the reported person once told, appeals the resolution, once, from the link in the mail that told
    /// them of it (<see cref="ActionLinks.CreateAppeal"/>).
    /// </summary>
    Appeal,

    /// <summary>A member who may decide drafts the public statement, naming people and naming no one, and asks the parties' consent.</summary>
    PublicStatement,

    /// <summary>The reporter, or the reported person, answers whether the draft public statement may name them.</summary>
    Consent,

    /// <summary>A member who may decide publishes the statement: the named version only with every consent asked for.</summary>
    PublishStatement,
}
