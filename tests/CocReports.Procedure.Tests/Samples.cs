using CocReports.Procedure.Committee;
using CocReports.Procedure.Intake;
using CocReports.Procedure.Links;
using CocReports.Procedure.Reports;
using Microsoft.Extensions.Time.Testing;

namespace CocReports.Procedure.Tests;

/// <summary>Small, fixed inputs shared by the tests: a committee, keys, a clock and a report.</summary>
static class Samples
{
    public static readonly DateTimeOffset Start = new(2025, 3, 14, 9, 0, 0, TimeSpan.Zero);

    public static readonly string SigningKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    public static readonly string OtherSigningKey = Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray());

    public static readonly string RecordKey = Convert.ToBase64String(Enumerable.Range(201, 32).Select(i => (byte)i).ToArray());

    public static FakeTimeProvider Clock() => new(Start);

    public static CommitteeOptions ThreeMembers() => new()
    {
        Members =
        [
            new CommitteeMember { Id = "ada", Name = "Ada", Email = "ada@example.org" },
            new CommitteeMember { Id = "grace", Name = "Grace", Email = "grace@example.org" },
            new CommitteeMember { Id = "alan", Name = "Alan", Email = "alan@example.org" },
        ],
        EscalationContacts =
        [
            new EscalationContact { Name = "Chair", Email = "chair@example.org" },
            new EscalationContact { Name = "Board", Email = "board@example.org" },
        ],
    };

    public static LinkOptions LinkOptions(string? key = null) => new()
    {
        SigningKey = key ?? SigningKey,
        PublicBaseUrl = new Uri("https://coc.example.org"),
        Lifetime = TimeSpan.FromDays(14),
    };

    public static ActionLinks SignedLinks(TimeProvider clock, string? key = null) => new(LinkOptions(key), clock);

    public static ReportForm Form(params (string Field, string Value)[] fields)
    {
        var form = new ReportForm();
        foreach (var (field, value) in fields)
        {
            form.Add(field, value);
        }

        return form;
    }

    public static Report Report(ReportDetails details, string reference = "COC-AB12-CD34") =>
        new(reference, Start, details, [], ReceiptCode.Hash("ABCDE-FGHJK-MNPQR-STVWX"));
}
