using System.Diagnostics;
using System.Text;

namespace WebKita.Testing;

/// <summary>
/// A long-running process started by a test (an api, a broker), whose stdout and stderr
/// lines are captured as they arrive so a test can wait for a line instead of sleeping.
/// Killed, with its whole process tree, on dispose. Thread-safe.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly object _gate = new();
    private readonly List<string> _lines = [];
    private readonly List<LineWaiter> _waiters = [];
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _openStreams = 2;

    private ChildProcess(Process process)
    {
        _process = process;
    }

    public int Id => _process.Id;

    public string Description { get; private init; } = "";

    public bool HasExited => _process.HasExited;

    /// <summary>The lines printed so far, stdout and stderr interleaved in arrival order.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    public string Output => string.Join('\n', Lines);

    /// <summary>Starts <paramref name="fileName"/>; stdin is closed, the environment is inherited plus <paramref name="environment"/> (a null value removes a variable).</summary>
    public static ChildProcess Start(
        string fileName,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? workingDirectory = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var child = new ChildProcess(process)
        {
            Description = $"{fileName} {string.Join(' ', startInfo.ArgumentList)}",
        };
        // Exited, not Process.WaitForExitAsync: the latter also waits for the output pipes to
        // close, which a surviving grandchild can hold open indefinitely.
        process.Exited += (_, _) => child._exited.TrySetResult();
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>
    /// Completes with the first line, already printed or still to come, that matches
    /// <paramref name="predicate"/>. Throws <see cref="TimeoutException"/> after
    /// <paramref name="timeout"/>, or <see cref="InvalidOperationException"/> when the process
    /// closes its output first; both messages carry everything it printed.
    /// </summary>
    public async Task<string> WaitForLineAsync(
        Func<string, bool> predicate,
        TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        cancellationToken.ThrowIfCancellationRequested();
        var waiter = new LineWaiter(predicate);
        lock (_gate)
        {
            var found = _lines.FirstOrDefault(predicate);
            if (found is not null)
            {
                return found;
            }
            if (_openStreams == 0)
            {
                throw new InvalidOperationException(
                    $"'{Description}' closed its output without printing the awaited line. Output:\n{string.Join('\n', _lines)}");
            }
            _waiters.Add(waiter);
        }

        try
        {
            return await waiter.Line.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException(
                $"'{Description}' printed no awaited line within {timeout}. Output:\n{Output}");
        }
        finally
        {
            lock (_gate)
            {
                _waiters.Remove(waiter);
            }
        }
    }

    /// <summary>Waits for the process to exit and returns its exit code; throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        try
        {
            await _exited.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"'{Description}' did not exit within {timeout}. Output:\n{Output}");
        }
        return _process.ExitCode;
    }

    /// <summary>SIGKILL to the process itself (not its children): a crash it cannot react to.</summary>
    public void Kill() => Signal(Signals.Kill);

    /// <summary>SIGSTOP: the process freezes, its sockets stay open (a hung peer).</summary>
    public void Pause() => Signal(Signals.Stop);

    /// <summary>SIGCONT after <see cref="Pause"/>.</summary>
    public void Resume() => Signal(Signals.Continue);

    /// <summary>Sends <paramref name="signal"/> (a Linux signal number) to the process.</summary>
    public void Signal(int signal)
    {
        if (!Signals.TrySend(_process.Id, signal))
        {
            throw new InvalidOperationException($"Cannot send signal {signal}: '{Description}' (pid {_process.Id}) is gone.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                // A paused process still dies on SIGKILL.
                _process.Kill(entireProcessTree: true);
            }
            await _exited.Task.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void OnLine(string? line)
    {
        List<LineWaiter> satisfied = [];
        List<LineWaiter> orphaned = [];
        lock (_gate)
        {
            if (line is null)
            {
                if (--_openStreams == 0)
                {
                    orphaned.AddRange(_waiters);
                }
            }
            else
            {
                _lines.Add(line);
                satisfied.AddRange(_waiters.Where(w => w.Predicate(line)));
            }
        }

        foreach (var waiter in satisfied)
        {
            waiter.Line.TrySetResult(line!);
        }
        foreach (var waiter in orphaned)
        {
            waiter.Line.TrySetException(new InvalidOperationException(
                $"'{Description}' closed its output without printing the awaited line. Output:\n{Output}"));
        }
    }

    private sealed class LineWaiter(Func<string, bool> predicate)
    {
        public Func<string, bool> Predicate { get; } = predicate;

        public TaskCompletionSource<string> Line { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
