namespace WebKita.Api.Tests.Support;

/// <summary>Test classes that run after all others, one at a time: their figures and timeouts assume the machine is theirs.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "alone";
}
