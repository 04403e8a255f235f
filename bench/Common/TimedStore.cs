using System.Diagnostics;
using System.Reflection;
using System.Runtime.ExceptionServices;
using WebKita.Silo.Storage;

namespace WebKita.Bench;

/// <summary>What a benchmark keeps of each store call: its method, when it started, and the change set it committed, if any.</summary>
public interface IStoreCallRecorder
{
    /// <summary>Called once the call's task ends, on the thread that ended it.</summary>
    void Record(string method, long startedAt, ChangeSet? changes);
}

/// <summary>
/// Wraps a store and reports every call to a recorder, so a benchmark can tell time in the
/// database from the silo's own work. A proxy rather than a hand-written decorator, so it keeps up
/// with the store interface as it grows. Shared by the benchmarks as a linked source file.
/// </summary>
public class TimedStore : DispatchProxy
{
    private IGrainStore _inner = null!;
    private IStoreCallRecorder _recorder = null!;

    public static IGrainStore Wrap(IGrainStore inner, IStoreCallRecorder recorder)
    {
        var proxy = Create<IGrainStore, TimedStore>();
        var timed = (TimedStore)(object)proxy;
        timed._inner = inner;
        timed._recorder = recorder;
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
            task.ContinueWith(_ => _recorder.Record(targetMethod.Name, started, changes), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return result;
    }
}
