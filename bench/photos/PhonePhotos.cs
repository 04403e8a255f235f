using System.Text;
using NetVips;

namespace WebKita.Bench.Photos;

/// <summary>
/// Phone-like 12 MP JPEGs (4000 x 3000, quality 90) held upright by an EXIF orientation tag,
/// with XMP naming a place: a smooth gradient with sensor-like noise, a few MB each like a real
/// photo. Written by a child process so that making them does not count in the peak RSS.
/// </summary>
public static class PhonePhotos
{
    public const string Secret = "GPS 50.0782 N 8.2398 E Schulhof";

    public static void Write(string directory, int count)
    {
        for (var i = 0; i < count; i++)
        {
            using var xyz = Image.Xyz(4000, 3000);
            using var gradient = xyz[0] * (200.0 / 4000) + xyz[1] * (50.0 / 3000);
            using var noise = Image.Gaussnoise(4000, 3000, sigma: 6, mean: 0);
            using var red = gradient + noise + (i * 2);
            using var green = (gradient * 0.7) + noise + 30;
            using var blue = (255 - gradient) * 0.8 + noise;
            using var rgb = red.Bandjoin(green, blue).Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
            using var tagged = rgb.Mutate(image =>
            {
                image.Set(GValue.GIntType, "orientation", i % 2 == 0 ? 6 : 8);
                image.Set(GValue.BlobType, "xmp-data", Encoding.UTF8.GetBytes($"<x:xmpmeta xmlns:x='adobe:ns:meta/'>{Secret}</x:xmpmeta>"));
            });
            tagged.Jpegsave(Path.Combine(directory, $"photo-{i:00}.jpg"), q: 90);
        }
    }
}
