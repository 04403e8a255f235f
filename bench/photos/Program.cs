using System.Diagnostics;
using System.Globalization;
using WebKita.Bench.Photos;
using WebKita.Photos.Pipeline;

// bench/run photos: 20 phone photos through our pipeline (one decode, both sizes) and through
// the vipsthumbnail command (one run per size, as a shell script or a cron job would), in the
// same run on the same files. One warm-up photo each is not counted. Last line is the figure.
const int Count = 20;

if (args is ["generate", var target])
{
    PhonePhotos.Write(target, Count + 1);
    return 0;
}

var directory = Directory.CreateTempSubdirectory("webkita-bench-photos-").FullName;
try
{
    var generator = Process.Start(Environment.ProcessPath!, ["generate", directory]);
    await generator.WaitForExitAsync();
    if (generator.ExitCode != 0)
    {
        Console.Error.WriteLine("generating the photos failed");
        return 1;
    }

    var files = Directory.GetFiles(directory, "photo-*.jpg").Order(StringComparer.Ordinal).ToArray();
    var uploads = files.Select(File.ReadAllBytes).ToArray();
    Console.WriteLine($"{Count} photos, 4000 x 3000, {uploads.Skip(1).Average(u => u.Length) / 1e6:0.0} MB on average");

    var limits = new PhotoLimits();
    var pipeline = new PhotoPipeline(limits);
    var metadataLeft = 0;
    pipeline.Process(uploads[0], CancellationToken.None);
    var ours = Stopwatch.StartNew();
    for (var i = 1; i <= Count; i++)
    {
        var photo = pipeline.Process(uploads[i], CancellationToken.None).Photo
            ?? throw new InvalidOperationException($"{files[i]} was refused");
        metadataLeft += (Leftovers.HasMetadata(photo.Large) ? 1 : 0) + (Leftovers.HasMetadata(photo.Small) ? 1 : 0);
    }
    ours.Stop();
    var oursMs = ours.Elapsed.TotalMilliseconds / Count;
    Console.WriteLine($"ours: {oursMs:0} ms/photo");

    var output = Path.Combine(directory, "out");
    Directory.CreateDirectory(output);
    await Thumbnail(files[0], output);
    var baseline = Stopwatch.StartNew();
    for (var i = 1; i <= Count; i++)
    {
        await Thumbnail(files[i], output);
    }
    baseline.Stop();
    var baselineMs = baseline.Elapsed.TotalMilliseconds / Count;
    Console.WriteLine($"vipsthumbnail: {baselineMs:0} ms/photo (two runs, 1600 and 320)");

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"photos: ratio {baselineMs / oursMs:0.00} (ours {oursMs:0} ms/photo), metadata-left {metadataLeft}, peak-rss {Leftovers.PeakRssBytes() / (1024 * 1024)} MB"));
    return 0;
}
finally
{
    Directory.Delete(directory, recursive: true);
}

static async Task Thumbnail(string file, string output)
{
    foreach (var size in new[] { 1600, 320 })
    {
        var target = Path.Combine(output, $"{Path.GetFileNameWithoutExtension(file)}-{size}.jpg[Q=82,strip]");
        using var process = Process.Start("vipsthumbnail", [file, "-s", $"{size}x{size}", "-o", target])!;
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"vipsthumbnail {file} failed with {process.ExitCode}");
        }
    }
}
