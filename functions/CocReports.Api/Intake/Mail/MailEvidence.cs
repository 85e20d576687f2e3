using CocReports.Procedure.Intake;
using CocReports.Procedure.Intake.Mail;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Storage;

namespace CocReports.Api.Intake.Mail;

/// <summary>
/// Stores an emailed report's attachments with the form's checks (content sniffing, the file and report limits, the
/// number of files), one by one: an attachment that fails them is left out and recorded, and the report goes on.
/// </summary>
sealed class MailEvidence(IntakeOptions limits, IEvidenceStore evidence, string reference, string attempt)
{
    /// <summary>
    /// Refused attachments listed one by one, name and reason; the rest are counted in one more entry. The list is
    /// stored in one table property, and a message may carry any number of attachments under long names.
    /// </summary>
    const int MaxRefusedListed = 10;

    readonly List<RefusedEvidence> refused = [];
    int unlisted;
    int seen;
    long budget = limits.MaxReportBytes;

    public List<EvidenceFile> Kept { get; } = [];

    public IReadOnlyList<RefusedEvidence> Refused => unlisted == 0
        ? refused
        : [.. refused, new RefusedEvidence($"{unlisted} more attachments", $"{unlisted} more attachments were not kept either; a report lists at most {MaxRefusedListed} one by one.")];

    public async Task AddAsync(InboundAttachment attachment, CancellationToken cancellationToken)
    {
        var name = EvidenceName.Shown(SafeName(attachment.FileName, seen++));
        if (Kept.Count == limits.MaxFiles)
        {
            Refuse(name, $"A report can carry at most {limits.MaxFiles} files.");
            return;
        }

        await using var content = attachment.Open();
        var head = new byte[EvidenceType.HeadLength];
        var headLength = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        if (headLength == 0)
        {
            Refuse(name, "The file is empty.");
            return;
        }

        var contentType = EvidenceType.Sniff(head.AsSpan(0, headLength));
        if (contentType is null)
        {
            Refuse(name, "It is not an image, a video, a PDF or a plain text or log file.");
            return;
        }

        var fileLimit = Math.Min(limits.MaxFileBytes, budget);
        var message = fileLimit == limits.MaxFileBytes
            ? $"It is larger than {Megabytes(limits.MaxFileBytes)}, the limit for one file."
            : $"All files together may be at most {Megabytes(limits.MaxReportBytes)}.";
        var blobName = $"{reference}/{attempt}/{Kept.Count:D2}";
        await using var metered = new MeteredEvidenceStream(head.AsMemory(0, headLength), content, fileLimit, message);
        try
        {
            await evidence.SaveAsync(blobName, contentType, metered, cancellationToken);
        }
        catch (Exception e) when (FindTooLarge(e) is { } tooLarge)
        {
            await evidence.DeleteAsync(blobName, CancellationToken.None);
            Refuse(name, tooLarge.Message);
            return;
        }

        budget -= metered.BytesRead;
        Kept.Add(new EvidenceFile(blobName, SafeName(attachment.FileName, Kept.Count), contentType, metered.BytesRead, metered.Sha256Hex()));
    }

    /// <summary>Text that did not fit the description, kept whole as a text file.</summary>
    public Task AddTextAsync(string fileName, string text, CancellationToken cancellationToken) =>
        AddAsync(new InboundAttachment(fileName, () => new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text))), cancellationToken);

    /// <summary>Removes what was stored, when the report itself was not (another import of the same message won).</summary>
    public async Task RemoveAsync()
    {
        foreach (var file in Kept)
        {
            await evidence.DeleteAsync(file.BlobName, CancellationToken.None);
        }
    }

    void Refuse(string name, string reason)
    {
        if (refused.Count < MaxRefusedListed)
        {
            refused.Add(new RefusedEvidence(name, reason));
        }
        else
        {
            unlisted++;
        }
    }

    static EvidenceTooLargeException? FindTooLarge(Exception e) =>
        e as EvidenceTooLargeException ?? (e.InnerException is { } inner ? FindTooLarge(inner) : null);

    static string SafeName(string fileName, int index)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        name = new string(name.Where(c => !char.IsControl(c)).ToArray());
        return string.IsNullOrWhiteSpace(name) ? $"attachment-{index + 1}" : name[..Math.Min(name.Length, 200)];
    }

    static string Megabytes(long bytes) => $"{bytes / (1024 * 1024)} MB";
}
