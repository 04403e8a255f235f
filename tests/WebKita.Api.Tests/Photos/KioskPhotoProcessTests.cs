using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using WebKita.Api.Tests.Support;
using WebKita.Mqtt;
using WebKita.Testing;

namespace WebKita.Api.Tests.Photos;

/// <summary>
/// Kiosk photos through the api as its own process (Kestrel, whose request bodies are otherwise
/// capped at 64 KiB), the links pointing at its <c>Urls</c> since no public address is configured.
/// </summary>
public sealed class KioskPhotoProcessTests
{
    private const long MaxBytes = 1_000_000;

    [Fact]
    public async Task Upload_RealServer_PhotoOver64KiBTakenAndAChunkedBodyOverTheLimitRefused()
    {
        await using var broker = await MosquittoBroker.StartSecuredAsync();
        var database = await (await PostgresServer.Shared).CreateDatabaseAsync();
        await using var api = await TestApiProcess.StartAsync(database, BrokerDevices.Settings(broker, new Dictionary<string, string>
        {
            ["Broker:GatewayPassword"] = broker.GatewayPassword,
            ["Ingestion:InProcess"] = "true",
            ["Ingestion:ClientId"] = "kiosk-photo-process-test",
            ["Photos:Limits:MaxBytes"] = MaxBytes.ToString(CultureInfo.InvariantCulture),
            ["Photos:Blobs:Folder"] = Path.Combine(Path.GetTempPath(), "webkita-kiosk-photos-" + Guid.NewGuid().ToString("N")),
        }));
        using var admin = api.CreateClient(await api.CreateClient().SignInAsync(Credentials.Admin));
        await using var kiosk = BrokerDevices.Client(broker, await BrokerDevices.RegisterKioskAsync(admin, "kiosk-r1"));
        (await kiosk.ConnectAsync()).IsSuccess().Should().BeTrue();
        (await kiosk.SubscribeAsync("sue/v1/kiosk-r1/ack")).IsGranted().Should().BeTrue();
        var ack = await KioskAck.ReportAsync(kiosk, "kiosk-r1", "r-1", MaxBytes);
        var photo = KioskAck.GpsJpeg();
        using var http = new HttpClient();

        using var taken = await http.PostAsync(ack.Urls[0], Body(new ByteArrayContent(photo), "image/jpeg"));
        // No Content-Length to refuse it by: the api must count what it reads.
        using var chunked = await http.PostAsync(ack.Urls[1], Body(new StreamContent(new Zeros(MaxBytes + 1)), "image/jpeg"));

        ack.Urls[0].Should().StartWith(api.BaseAddress.ToString().TrimEnd('/'));
        photo.Length.Should().BeGreaterThan(64 * 1024);
        taken.StatusCode.Should().Be(HttpStatusCode.Created, await taken.Content.ReadAsStringAsync());
        (await Problem.ReadAsync(chunked, HttpStatusCode.RequestEntityTooLarge)).Code.Should().Be("photo.too_large");
    }

    private static HttpContent Body(HttpContent content, string type)
    {
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return content;
    }

    /// <summary>Zeros of a length the sender does not announce (not seekable, so sent chunked).</summary>
    private sealed class Zeros(long length) : Stream
    {
        private long _left = length;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, _left);
            Array.Clear(buffer, offset, n);
            _left -= n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
