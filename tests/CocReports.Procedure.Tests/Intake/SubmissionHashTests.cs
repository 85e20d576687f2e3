using CocReports.Procedure.Intake;
using CocReports.Procedure.Reports;

namespace CocReports.Procedure.Tests.Intake;

public class SubmissionHashTests
{
    static readonly ReportDetails Details = new()
    {
        Description = "Insults in the call chat.",
        ContactName = "Rita",
        ContactEmail = "rita@example.org",
        Location = "Video call",
        OccurredAt = "Tuesday",
        ExcludedMembers = ["ada", "grace"],
    };

    static readonly EvidenceFile[] Files =
    [
        new("COC-AB12-CD34/a1/00", "a.png", "image/png", 10, "aa11"),
        new("COC-AB12-CD34/a1/01", "b.pdf", "application/pdf", 20, "bb22"),
    ];

    [Fact]
    public void The_same_report_sent_again_hashes_alike_whatever_its_blob_and_file_names()
    {
        var retry = Files.Select((f, i) => f with { BlobName = $"COC-AB12-CD34/b2/{i:D2}", FileName = "renamed" + i }).ToArray();

        Assert.Equal(SubmissionHash.Of(Details, Files), SubmissionHash.Of(Details with { }, retry));
        Assert.Equal(SubmissionHash.Of(Details, Files), SubmissionHash.Of(Details with { ExcludedMembers = ["grace", "ada"] }, Files));
        Assert.Matches("^[0-9a-f]{64}$", SubmissionHash.Of(Details, Files));
    }

    [Fact]
    public void Any_other_field_or_file_hashes_differently()
    {
        var hash = SubmissionHash.Of(Details, Files);

        ReportDetails[] others =
        [
            Details with { Description = "Insults in the call chat!" },
            Details with { ContactEmail = "someone@example.org" },
            Details with { ContactName = null },
            Details with { IsOngoing = Ongoing.Yes },
            Details with { FeelsUnsafe = true },
            Details with { ReportedPerson = "@loud" },
            Details with { ExcludedMembers = ["ada"] },
            Details with { Setting = IncidentSetting.Online },
        ];
        Assert.All(others, other => Assert.NotEqual(hash, SubmissionHash.Of(other, Files)));
        Assert.NotEqual(hash, SubmissionHash.Of(Details, [.. Files.Reverse()]));
        Assert.NotEqual(hash, SubmissionHash.Of(Details, Files[..1]));
        Assert.NotEqual(hash, SubmissionHash.Of(Details, [Files[0], Files[1] with { Sha256 = "cc33" }]));
    }

    [Fact]
    public void Text_moved_from_one_field_to_the_next_hashes_differently()
    {
        Assert.NotEqual(
            SubmissionHash.Of(Details with { OccurredAt = "Tue", Location = "sday" }, Files),
            SubmissionHash.Of(Details with { OccurredAt = "Tues", Location = "day" }, Files));
    }

    [Fact]
    public void Hashes_are_compared_whole()
    {
        var hash = SubmissionHash.Of(Details, Files);

        Assert.True(SubmissionHash.Same(hash, SubmissionHash.Of(Details, Files)));
        Assert.False(SubmissionHash.Same(hash, SubmissionHash.Of(Details, Files[..1])));
        Assert.False(SubmissionHash.Same(hash, ""));
    }
}
