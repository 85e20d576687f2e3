using Azure.Data.Tables;
using CocReports.Api.Intake.Mail;
using CocReports.Procedure.Intake.Mail;
using CocReports.Procedure.Reports;
using CocReports.Procedure.Workflow;
using CocReports.Testing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace CocReports.IntegrationTests;

/// <summary>
/// Whatever a message says, its import stores nothing the table service refuses: a string property holds at most
/// 64 KiB, 32,768 UTF-16 characters, and Azurite answers more with 400 PropertyValueTooLarge, as Azure does
/// (https://learn.microsoft.com/rest/api/storageservices/understanding-the-table-service-data-model#property-types).
/// A message that could not be stored would fail at every poll. The workflow engine is left out: the property is
/// about what intake stores, and a generated report needs no committee.
/// </summary>
[Collection(PoisonMailTests.Name)]
public sealed class StoredMailLengthTests(PoisonMailTests.Host host)
{
    const int MaxPropertyLength = 32 * 1024;

    // Each stored as JSON takes one to twelve characters: ASCII, escaped characters, a surrogate pair, invisible ones.
    static readonly string[] Pieces = ["a", "Z", "7", " ", ".", "\"", "<", "é", "ж", "中", "😀", "\u202E", "\t"];

    [Property(MaxTest = 40, Arbitrary = [typeof(GeneratedMail)])]
    public async Task Nothing_an_imported_message_stores_is_longer_than_a_table_property_holds(InboundMail mail)
    {
        var import = host.Services.GetRequiredService<MailImport>();
        await import.ImportAsync(mail with { Recipients = [host.Conduct] }, Door.Email, new Mock<ICaseWorkflow>().Object, default);

        await foreach (var row in host.Reports.QueryAsync<TableEntity>())
        {
            foreach (var (name, value) in row)
            {
                Assert.False(value is string text && text.Length > MaxPropertyLength, $"{name} of {row.RowKey} holds {(value as string)?.Length} characters.");
            }
        }
    }

    /// <summary>Messages from plain to hostile: every header and name from empty to far beyond any limit.</summary>
    public static class GeneratedMail
    {
        public static Arbitrary<InboundMail> Mail() =>
            (from messageId in Gen.OneOf(Gen.Constant<string?>(null), Text(1, 60, 998, 40_000).Select(t => (string?)t))
             from local in Text(1, 64, 300, 40_000)
             from name in Gen.OneOf(Gen.Constant<string?>(null), Text(1, 200, 40_000).Select(t => (string?)t))
             from anonymous in Gen.Elements(false, true)
             from subject in Text(0, 100, 998, 40_000)
             from text in Text(0, 100, 25_000, 70_000)
             from count in Gen.Choose(0, 60)
             from nameLength in Gen.Elements(0, 20, 200, 1_000)
             from attachments in Gen.ArrayOf(Attachment(nameLength), count)
             select new InboundMail(
                 messageId,
                 Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()),
                 local + "@reporters.test",
                 name,
                 null,
                 [],
                 (anonymous ? "[anonymous] " : "") + subject,
                 text,
                 attachments)).ToArbitrary();

        static Gen<InboundAttachment> Attachment(int nameLength) =>
            from name in Text(nameLength)
            from content in Gen.Elements(Submissions.Png(300), Submissions.Pdf(300), [0x50, 0x4B, 0x03, 0x04, 0, 0], [])
            select new InboundAttachment(name, () => new MemoryStream(content));

        /// <summary>A text of one of these lengths (in pieces), shrinking towards the shorter ones.</summary>
        static Gen<string> Text(params int[] lengths) =>
            from length in Gen.Elements(lengths)
            from seed in Gen.Choose(0, 1_000_000)
            select Build(length, seed);

        static string Build(int length, int seed)
        {
#pragma warning disable CA5394 // Not for security: a generated text, the same for the same seed.
            var random = new Random(seed);
            return string.Concat(Enumerable.Range(0, length).Select(_ => Pieces[random.Next(Pieces.Length)]));
#pragma warning restore CA5394
        }
    }
}
