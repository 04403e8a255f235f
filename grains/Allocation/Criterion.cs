namespace WebKita.Grains.Allocation;

/// <summary>A need-based criterion of the county's statute (Satzung); <see cref="CriterionRule"/> gives its points.</summary>
[GenerateSerializer, Alias("webkita.Criterion")]
public enum Criterion
{
    /// <summary>Per guardian in work, proven by an employer's certificate that staff verified.</summary>
    Employment,

    /// <summary>Per guardian in vocational training or study, proven by a certificate that staff verified.</summary>
    Training,

    /// <summary>The child lives with one guardian only; staff verified it.</summary>
    SingleParent,

    /// <summary>A sibling attends the school, or the child's sibling group is placed there (see <see cref="DeferredAcceptance"/>).</summary>
    SiblingAtSchool,

    /// <summary>The family lives in the school's catchment area.</summary>
    CatchmentArea,

    /// <summary>The child is in one of the grades the statute serves first (<see cref="StatuteRules.PriorityGrades"/>).</summary>
    PriorityGrade,

    /// <summary>A hardship (Härtefall) that staff confirmed.</summary>
    Hardship,
}
