namespace CocReports.Testing;

/// <summary>Where test.sh started the real parts: Azurite and smtp4dev on free loopback ports.</summary>
public static class TestEnvironment
{
    public static string StorageConnectionString => Required("COC_TEST_STORAGE");

    public static int SmtpPort => int.Parse(Required("COC_TEST_SMTP_PORT"), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>smtp4dev's IMAP server, which serves every message it received: the conduct mailbox of the email tests.</summary>
    public static int ImapPort => int.Parse(Required("COC_TEST_IMAP_PORT"), System.Globalization.CultureInfo.InvariantCulture);

    public static Uri Smtp4devUrl => new(Required("COC_TEST_SMTP4DEV_URL"));

    /// <summary>test.sh's smtp4dev refuses every recipient in this domain, as a server refuses a mistyped address.</summary>
    public const string RefusedDomain = "refused.test";

    static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: run the tests with ./test.sh, which starts Azurite and smtp4dev.");
}
