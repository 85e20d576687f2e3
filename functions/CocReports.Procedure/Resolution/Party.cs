using CocReports.Procedure.Links;
using CocReports.Procedure.Rendering;

namespace CocReports.Procedure.Resolution;

/// <summary>The reporter or the reported person: the party a link's holder is, and how the committee's pages name them.</summary>
public static class Party
{
    /// <summary>The party holding a party's link (<see cref="ActionLinks.Reporter"/> or <see cref="ActionLinks.ReportedPerson"/>).</summary>
    public static AppealParty Of(string holder) => holder == ActionLinks.ReportedPerson ? AppealParty.ReportedPerson : AppealParty.Reporter;

    public static string Shown(AppealParty party, Texts t) =>
        t[party == AppealParty.ReportedPerson ? "Summary.AppealBy.ReportedPerson" : "Summary.AppealBy.Reporter"];

    public static string Shown(string holder, Texts t) => Shown(Of(holder), t);
}
