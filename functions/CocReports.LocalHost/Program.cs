using CocReports.LocalHost;

// "organizer-link <id>" prints an organizer's personal intake link, signed with the configured key, and exits.
if (args is ["organizer-link", var organizerId, ..])
{
    return OrganizerLinkCommand.Run(organizerId, args[2..]);
}

var app = LocalHostApp.Build(args);
await app.RunAsync();
return 0;
