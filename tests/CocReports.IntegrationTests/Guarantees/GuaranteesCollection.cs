namespace CocReports.IntegrationTests.Guarantees;

/// <summary>
/// The hosts of every promise, started and filled at once: each promise's setup mostly waits on the workflow's timers
/// (a reminder, a retention warning, a purge), so the suite costs its slowest promise, not their sum.
/// </summary>
public sealed class GuaranteesHosts : IAsyncLifetime
{
    public ExcludedMemberTests.Host Excluded { get; } = new();

    public RecusedMemberTests.Host Recused { get; } = new();

    public AfterRetentionTests.Host Retention { get; } = new();

    public AnonymousReporterTests.Host Anonymous { get; } = new();

    GuaranteesHost[] All => [Excluded, Recused, Retention, Anonymous];

    public Task InitializeAsync() => Task.WhenAll(All.Select(h => h.InitializeAsync()));

    public Task DisposeAsync() => Task.WhenAll(All.Select(h => h.DisposeAsync()));
}

[CollectionDefinition(Name)]
public sealed class GuaranteesCollection : ICollectionFixture<GuaranteesHosts>
{
    public const string Name = "guarantees";
}
