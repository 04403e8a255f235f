using WebKita.Grains.Common;

namespace WebKita.Api.Rounds;

/// <summary>What a round set-up step gave: the value, or the round's refusal, or field errors found before the round saw the request.</summary>
public sealed record RoundSetupResult<T>(T? Value, Refusal? Refusal, IReadOnlyDictionary<string, string[]> Errors)
{
    public static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    public static RoundSetupResult<T> Invalid(string field, string message) => new(default, null, new Dictionary<string, string[]> { [field] = [message] });
}
