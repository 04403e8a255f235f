using System.Diagnostics;
using System.Reflection;
using System.Runtime.ExceptionServices;
using WebKita.Silo.Storage;

namespace WebKita.Bench.Allocation;

/// <summary>
/// Wraps a store and times every call into <see cref="StoreTimings"/>, so the silo phase can say
/// how much of a turn is the database and how much is the silo's own work. A proxy rather than a
/// hand-written decorator, so it keeps up with the store interface as it grows.
/// </summary>
public class TimedStore : DispatchProxy
{
    private IGrainStore _inner = null!;
    private StoreTimings _timings = null!;

    public static IGrainStore Wrap(IGrainStore inner, StoreTimings timings)
    {
        var proxy = Create<IGrainStore, TimedStore>();
        var timed = (TimedStore)(object)proxy;
        timed._inner = inner;
        timed._timings = timings;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var started = Stopwatch.GetTimestamp();
        object? result;
        try
        {
            result = targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }

        if (result is Task task)
        {
            var changes = args?.OfType<ChangeSet>().FirstOrDefault();
            task.ContinueWith(_ => _timings.Record(targetMethod.Name, started, changes), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return result;
    }
}
