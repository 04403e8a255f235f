namespace WebKita.Grains.Common;

/// <summary>Either a new value or a refusal with its reason; expected outcomes are values, not exceptions.</summary>
[GenerateSerializer, Immutable, Alias("webkita.Outcome`1")]
public readonly record struct Outcome<T>(T? Value, Refusal? Refusal)
{
    public bool IsRefused => Refusal is not null;

    public static Outcome<T> Done(T value) => new(value, null);

    public static implicit operator Outcome<T>(Refusal refusal) => new(default, refusal);

    public static implicit operator Outcome<T>(T value) => new(value, null);
}
