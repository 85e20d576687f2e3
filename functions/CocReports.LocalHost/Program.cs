using CocReports.LocalHost;

// "organizer-link <id>" prints an organizer's personal intake link, signed with the configured key, and exits.
if (args is ["organizer-link", var organizerId, ..])
{
    // The key is read from standard input only when something is piped in: at a terminal it would wait for typing.
    return OrganizerLinkCommand.Run(organizerId, args[2..], Console.IsInputRedirected ? Console.In : TextReader.Null, Console.Out, Console.Error);
}

var app = LocalHostApp.Build(args);
await app.RunAsync();
return 0;
