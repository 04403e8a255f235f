namespace WebKita.Silo.Rounds;

/// <summary>
/// The run reads and writes a whole round (50,000 applications) in one turn: parsing and writing
/// JSON is most of its time in process, and each item is independent, so every core takes part.
/// Ordinary turns touch a few items and stay on the calling thread. Results keep their order, so
/// the outcome is the same either way.
/// </summary>
internal static class EveryCore
{
    private const int ParallelFrom = 512;

    public static T[] Map<T>(int count, Func<int, T> item)
    {
        var items = new T[count];
        if (count < ParallelFrom)
        {
            for (var i = 0; i < count; i++)
            {
                items[i] = item(i);
            }
        }
        else
        {
            Parallel.For(0, count, i => items[i] = item(i));
        }

        return items;
    }
}
