namespace CocReports.Procedure.Paging;

/// <summary>What a member's pager URL expects in the body of a POST.</summary>
public enum PagerFormat
{
    /// <summary>The text itself, as ntfy publishes it (https://docs.ntfy.sh/publish/: "curl -d ... ntfy.sh/mytopic"), with a Title header.</summary>
    Text,

    /// <summary>A Slack incoming webhook: JSON with the text in "text" (https://api.slack.com/incoming-webhooks).</summary>
    Slack,

    /// <summary>A Discord webhook: JSON with the text in "content" (https://discord.com/developers/docs/resources/webhook#execute-webhook).</summary>
    Discord,
}
