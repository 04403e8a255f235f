namespace WebKita.Grains.Offerings;

/// <summary>The school grades an offering takes, both ends inclusive (primary school: 1 to 4).</summary>
[GenerateSerializer, Immutable, Alias("webkita.GradeRange")]
public sealed record GradeRange(int Lowest, int Highest)
{
    public bool Contains(int grade) => grade >= Lowest && grade <= Highest;
}
