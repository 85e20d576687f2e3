namespace CocReports.Testing;

/// <summary>
/// Two local hosts of one app, as Azure runs more than one instance: the second made from the first (same storage
/// and keys), started after it and stopped before it.
/// </summary>
public abstract class HostPair<TFirst, TSecond>(TFirst first, Func<TFirst, TSecond> second) : IAsyncLifetime
    where TFirst : LocalHostFixture
    where TSecond : LocalHostFixture
{
    public TFirst First { get; } = first;

    public TSecond Second { get; } = second(first);

    public async Task InitializeAsync()
    {
        await First.InitializeAsync();
        await Second.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Second.DisposeAsync();
        await First.DisposeAsync();
    }
}
