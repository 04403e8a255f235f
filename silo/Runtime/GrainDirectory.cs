using System.Collections.Concurrent;

namespace WebKita.Silo.Runtime;

/// <summary>
/// The activations living in this process, one per grain. Activations stay until the silo stops;
/// each holds a mailbox and one cached state, a few kilobytes.
/// </summary>
public sealed class GrainDirectory<TKey, TActivation> : IAsyncDisposable
    where TKey : notnull
    where TActivation : IAsyncDisposable
{
    private readonly ConcurrentDictionary<TKey, Lazy<TActivation>> _activations = new();

    public TActivation Get(TKey key, Func<TKey, TActivation> activate) =>
        _activations.GetOrAdd(key, k => new Lazy<TActivation>(() => activate(k))).Value;

    public async ValueTask DisposeAsync()
    {
        foreach (var activation in _activations.Values.Where(a => a.IsValueCreated))
        {
            await activation.Value.DisposeAsync();
        }

        _activations.Clear();
    }
}
