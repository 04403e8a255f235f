namespace WebKita.Grains.Allocation;

/// <summary>What a guardian does during care hours, as far as the statute gives points for it.</summary>
[GenerateSerializer, Alias("webkita.GuardianActivity")]
public enum GuardianActivity
{
    None,
    Employed,
    InTraining,
}
