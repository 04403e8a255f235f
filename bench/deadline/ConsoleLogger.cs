using Microsoft.Extensions.Logging;

namespace WebKita.Bench.Deadline;

/// <summary>Prints warnings and errors, so a failed reminder firing shows why instead of vanishing.</summary>
public sealed class ConsoleLogger<T> : ILogger<T>
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            Console.WriteLine($"{typeof(T).Name} {logLevel}: {formatter(state, exception)}{(exception is null ? "" : $" — {exception}")}");
        }
    }
}
