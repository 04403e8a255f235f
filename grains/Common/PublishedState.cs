using System.Collections.Immutable;

namespace WebKita.Grains.Common;

/// <summary>
/// What a grain whose state is published to a read model stores: its value, the read-model row
/// version its last confirmed publish left, and the audit notes not yet published. Stored with
/// the grain storage's serializer, so property names are part of the schema.
/// </summary>
[GenerateSerializer, Alias("webkita.PublishedState`1")]
public sealed class PublishedState<T>
    where T : class
{
    [Id(0)]
    public T? Value { get; set; }

    [Id(1)]
    public long PublishedVersion { get; set; }

    [Id(2)]
    public ImmutableArray<AuditNote> Unpublished { get; set; } = [];

    [Id(3)]
    public bool IsPublished { get; set; } = true;
}
