using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace WebKita.Silo.Protection;

/// <summary>
/// The installation's Data Protection key ring: it protects sign-in cookies and tokens (api) and
/// webhook secrets at rest (every process that hosts a silo and so may sign a delivery). It lives
/// in a folder, never in the database, so a copy of the database alone reveals no secret. Every
/// process of an installation must share the folder and the application name.
/// </summary>
public static class KeyRing
{
    public const string ApplicationName = "WebKita";

    /// <summary>Next to the embedded SQLite file, like the rest of the process's data.</summary>
    public const string DefaultPath = ".data/keys";

    /// <summary><c>DataProtection:KeyPath</c>; <c>DataProtection:KeysDirectory</c> is the name earlier versions read.</summary>
    public static string PathFrom(IConfiguration configuration) =>
        Path.GetFullPath(configuration["DataProtection:KeyPath"] is { Length: > 0 } path ? path
            : configuration["DataProtection:KeysDirectory"] is { Length: > 0 } legacy ? legacy
            : DefaultPath);

    public static IServiceCollection AddWebKitaKeyRing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToFileSystem(new DirectoryInfo(PathFrom(configuration)));
        return services;
    }
}
