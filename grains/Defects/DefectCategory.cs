namespace WebKita.Grains.Defects;

/// <summary>The trade a defect belongs to; on the wire as <see cref="DefectCategories.Code"/>.</summary>
[GenerateSerializer, Alias("webkita.DefectCategory")]
public enum DefectCategory
{
    Heating,
    Sanitary,
    Electrical,
    WindowsDoors,
    Furniture,
    Cleaning,
    It,
    Other,
}
