using System.IO.Compression;
using Xunit.Abstractions;

namespace CocReports.BrowserTests;

public sealed class SizeBudgetTests(ITestOutputHelper output)
{
    const int Budget = 25 * 1024;

    [Fact]
    public void The_component_its_styles_and_english_strings_stay_under_25_KB_gzipped()
    {
        var form = Path.Combine(BrowserFixture.RepositoryRoot, "static-form");
        using var gzipped = new MemoryStream();
        using (var gzip = new GZipStream(gzipped, CompressionLevel.Optimal, leaveOpen: true))
        {
            foreach (var file in new[] { "coc-report-form.js", "coc-report-form.css", Path.Combine("strings", "en.js") })
            {
                var bytes = File.ReadAllBytes(Path.Combine(form, file));
                gzip.Write(bytes);
            }
        }

        output.WriteLine($"coc-report-form.js + coc-report-form.css + strings/en.js: {gzipped.Length:N0} bytes gzipped (budget {Budget:N0})");
        Assert.InRange(gzipped.Length, 1, Budget - 1);
    }
}
