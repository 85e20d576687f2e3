using CocReports.Procedure.Links;
using CocReports.Procedure.Rendering;

namespace CocReports.Procedure.Resolution;

/// <summary>The reporter or the reported person, as the committee's pages name a party by the link they hold.</summary>
public static class Party
{
    public static string Shown(string holder, Texts t) =>
        t[holder == ActionLinks.ReportedPerson ? "Summary.AppealBy.ReportedPerson" : "Summary.AppealBy.Reporter"];
}
