using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace WebKita.Api.Tests.Support;

/// <summary>Keeps the formatted messages logged as warnings and at Error or above, so a test can assert what an operator would see. Thread-safe.</summary>
public sealed class CollectingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly ConcurrentQueue<string> _warnings = new();

    public IReadOnlyList<string> Errors => [.. _errors];

    public IReadOnlyList<string> Warnings => [.. _warnings];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (logLevel >= LogLevel.Error)
        {
            _errors.Enqueue(formatter(state, exception));
        }
        else if (logLevel == LogLevel.Warning)
        {
            _warnings.Enqueue(formatter(state, exception));
        }
    }
}
