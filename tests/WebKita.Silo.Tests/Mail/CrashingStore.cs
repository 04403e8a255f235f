using System.Reflection;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Tests.Mail;

/// <summary>
/// The real store, except that the first commit matching a condition never reaches it: the process
/// "dies" between the work it did (a mail handed to the relay) and recording that work.
/// </summary>
public class CrashingStore : DispatchProxy
{
    private IGrainStore _inner = null!;
    private Func<ChangeSet, bool>? _crashOn;

    public static IGrainStore Wrap(IGrainStore inner, Func<ChangeSet, bool> crashOn)
    {
        var store = Create<IGrainStore, CrashingStore>();
        var proxy = (CrashingStore)(object)store;
        (proxy._inner, proxy._crashOn) = (inner, crashOn);
        return store;
    }

    protected override object? Invoke(MethodInfo? method, object?[]? args)
    {
        if (method!.Name == nameof(IGrainStore.CommitAsync) && _crashOn is { } crashOn && crashOn((ChangeSet)args![0]!)
            && Interlocked.CompareExchange(ref _crashOn, null, crashOn) == crashOn)
        {
            return Task.FromException(new InvalidOperationException("The process died before this commit."));
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
}
