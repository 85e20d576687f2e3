namespace CocReports.Testing;

/// <summary>The checkout the tests run from: where test.sh installed the tools that tests start themselves.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    static string Find()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "CocFunctions.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("CocFunctions.sln not found above the test output.");
        }

        return root;
    }
}
