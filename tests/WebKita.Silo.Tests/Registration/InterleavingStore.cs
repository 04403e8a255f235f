using System.Reflection;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Tests.Registration;

/// <summary>
/// The real store, with one seam: before its first read of several grains of a kind, another
/// process's work runs to completion. That places a concurrent commit exactly between a turn's
/// read of its offering and its read of the applications, a window real traffic hits by chance.
/// </summary>
public class InterleavingStore : DispatchProxy
{
    private IGrainStore _inner = null!;
    private string _kind = "";
    private Func<Task>? _before;

    public static IGrainStore Wrap(IGrainStore inner, string kind, Func<Task> before)
    {
        var store = Create<IGrainStore, InterleavingStore>();
        var proxy = (InterleavingStore)(object)store;
        (proxy._inner, proxy._kind, proxy._before) = (inner, kind, before);
        return store;
    }

    protected override object? Invoke(MethodInfo? method, object?[]? args)
    {
        if (method!.Name == nameof(IGrainStore.ReadManyAsync) && (string)args![1]! == _kind && Interlocked.Exchange(ref _before, null) is { } before)
        {
            return ReadManyAfterAsync(before, (string)args[0]!, (IReadOnlyCollection<Guid>)args[2]!, (CancellationToken)args[3]!);
        }

        try
        {
            return method.Invoke(_inner, args);
        }
        catch (TargetInvocationException e)
        {
            throw e.InnerException!;
        }
    }

    private async Task<IReadOnlyList<StoredGrain>> ReadManyAfterAsync(Func<Task> before, string tenant, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        await before();
        return await _inner.ReadManyAsync(tenant, _kind, ids, cancellationToken);
    }
}
