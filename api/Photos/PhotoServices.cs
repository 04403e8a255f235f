using Microsoft.AspNetCore.RateLimiting;
using WebKita.Api.Pages.Report;
using WebKita.Photos.Pipeline;
using WebKita.Photos.Storage;
using WebKita.Silo.Devices;

namespace WebKita.Api.Photos;

public static class PhotoServices
{
    /// <summary>The blob store (<c>Photos:Blobs</c>), the photo pipeline and its desk (<c>Photos:Limits</c>), the signed room links and the kiosks' photo upload links.</summary>
    public static IServiceCollection AddPhotos(this IServiceCollection services, IConfiguration configuration)
    {
        var blobs = configuration.GetSection("Photos:Blobs").Get<BlobStoreOptions>() ?? new BlobStoreOptions();
        var limits = configuration.GetSection("Photos:Limits").Get<PhotoLimits>() ?? new PhotoLimits();
        services.AddSingleton(limits);
        services.AddSingleton<IBlobStore>(provider => blobs.Kind switch
        {
            "Azure" => new AzureBlobStore(blobs, provider.GetRequiredService<TimeProvider>()),
            "Folder" => new FolderBlobStore(blobs.Folder),
            _ => throw new InvalidOperationException($"Photos:Blobs:Kind must be Folder or Azure, not '{blobs.Kind}'"),
        });
        services.AddSingleton(_ => new PhotoPipeline(limits));
        services.AddSingleton(provider => new PhotoDesk(provider.GetRequiredService<PhotoPipeline>(), limits, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(_ => RoomLinks.FromConfiguration(configuration));
        services.AddSingleton(provider => new KioskPhotoLinks(
            RoomLinks.KeyFromConfiguration(configuration), KioskPhotoEndpoints.PublicOrigin(configuration), limits.MaxBytes, provider.GetRequiredService<TimeProvider>()));
        services.Configure<RateLimiterOptions>(options => ReportLimits.Add(options, configuration));
        services.AddRazorPages();
        services.AddSingleton<Open311.Open311Clients>();
        return services;
    }
}
