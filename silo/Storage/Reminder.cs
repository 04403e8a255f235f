namespace WebKita.Silo.Storage;

/// <summary>
/// A durable wake-up call for a grain. One per grain and name: setting it again moves it. It is
/// deleted in the same transaction as the effect of firing it, so it fires once.
/// </summary>
[GenerateSerializer, Immutable, Alias("webkita.Reminder")]
public sealed record Reminder(GrainKey Grain, string Name, DateTimeOffset DueAt);
