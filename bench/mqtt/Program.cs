using System.Diagnostics;
using System.Text;
using MQTTnet.Protocol;
using WebKita.Bench.Mqtt;
using WebKita.Mqtt;
using WebKita.Mqtt.Connecting;
using WebKita.Testing;

// A burst of QoS 1 messages is queued by the broker for two persistent sessions that exist before
// the burst; then each session is drained, once by mosquitto_sub (the baseline) and once by
// MQTTnet through our layer (MqttSessionClient), acknowledging every message manually. Rates are
// measured from first to last message. The broker logs at debug level to a file, and the order of
// the PUBACKs it received is checked from that log (AcknowledgementAudit), for both clients.
const int Count = 100_000;
const string Topic = "bench/burst";
const string BaselineId = "bench-mosquitto-sub";
const string OursId = "bench-webkita";
var idleTimeout = TimeSpan.FromSeconds(15);

// --receive-maximum N limits how many unacknowledged messages the broker may have in flight with
// our client (default 65535, the MQTT default); useful to compare at the window another client uses.
var receiveMaximum = args.Length == 2 && args[0] == "--receive-maximum" ? ushort.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : ushort.MaxValue;

await using var broker = await BenchBroker.StartAsync();
string[] subscriberArgs = ["-V", "mqttv5", "-h", "127.0.0.1", "-p", broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-q", "1", "-c", "-x", "3600", "-t", Topic, "-i", BaselineId];

await Tools.RunAsync("mosquitto_sub", [.. subscriberArgs, "-E"]);
var oursOptions = new MqttConnectionOptions { Host = "127.0.0.1", Port = broker.Port, ClientId = OursId, CleanStart = false, SessionExpiryInterval = 3600, ReceiveMaximum = receiveMaximum };
await using (var setup = new MqttSessionClient(oursOptions))
{
    await setup.ConnectAsync();
    await setup.SubscribeAsync(Topic, MqttQualityOfServiceLevel.AtLeastOnce);
}

// mosquitto_pub 2.0.11 reading 100,000 lines on one connection is disconnected by the broker
// ("out of memory") after about 34,000 of them, whatever the queue settings; batches of 20,000
// on separate connections, one after the other, go through whole.
const int Batch = 20_000;
var publishWatch = Stopwatch.StartNew();
for (var batchStart = 0; batchStart < Count; batchStart += Batch)
{
    using var publisher = Process.Start(new ProcessStartInfo(Tools.Find("mosquitto_pub"), ["-V", "mqttv5", "-h", "127.0.0.1", "-p", broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-q", "1", "-t", Topic, "-i", "bench-publisher", "-l"])
    {
        UseShellExecute = false,
        RedirectStandardInput = true,
    })!;
    var stdin = publisher.StandardInput;
    for (var i = batchStart; i < Math.Min(Count, batchStart + Batch); i++)
    {
        await stdin.WriteLineAsync(Payloads.Line(i));
    }

    stdin.Close();
    await publisher.WaitForExitAsync();
}

Console.WriteLine($"published {Count} x {Payloads.Size} B QoS 1 with mosquitto_pub in {publishWatch.Elapsed.TotalSeconds:0.00} s");

var baseline = new DeliveryTally(Count);
using (var subscriber = Process.Start(new ProcessStartInfo(Tools.Find("mosquitto_sub"), [.. subscriberArgs, "-C", Count.ToString(System.Globalization.CultureInfo.InvariantCulture)])
{
    UseShellExecute = false,
    RedirectStandardOutput = true,
})!)
{
    using var idle = new CancellationTokenSource(idleTimeout);
    try
    {
        while (await subscriber.StandardOutput.ReadLineAsync(idle.Token) is { } line)
        {
            idle.CancelAfter(idleTimeout);
            baseline.Record(Encoding.ASCII.GetBytes(line));
        }
    }
    catch (OperationCanceledException)
    {
        Console.WriteLine($"mosquitto_sub: nothing for {idleTimeout.TotalSeconds} s after {baseline.Received} messages");
        subscriber.Kill();
    }

    await subscriber.WaitForExitAsync();
}

Console.WriteLine($"mosquitto_sub: {baseline.Received} received, {baseline.Lost} lost, {baseline.Duplicated} duplicated, {baseline.MessagesPerSecond:0} msg/s");

var ours = new DeliveryTally(Count);
var interruptions = new List<string>();
var heldAtMost = 0;
await using (var client = new MqttSessionClient(oursOptions))
{
    client.ConnectionStateChanged += (_, change) =>
    {
        if (change.Reason is not null)
        {
            lock (interruptions)
            {
                interruptions.Add($"{change.State}: {change.Reason.Message}");
            }
        }
    };
    var connect = await client.ConnectAsync();
    if (!connect.IsSessionPresent)
    {
        throw new InvalidOperationException("the broker lost our session");
    }

    using var idle = new CancellationTokenSource(idleTimeout);
    try
    {
        var messages = client.Messages;
        while (!ours.Complete && await messages.WaitToReadAsync(idle.Token))
        {
            while (messages.TryRead(out var message))
            {
                ours.Record(message.Payload);
                heldAtMost = Math.Max(heldAtMost, client.HeldMessages);
                message.Acknowledge();
            }

            idle.CancelAfter(idleTimeout);
        }
    }
    catch (OperationCanceledException)
    {
        Console.WriteLine($"ours: nothing for {idleTimeout.TotalSeconds} s after {ours.Received} messages");
    }

}

foreach (var interruption in interruptions.Take(5))
{
    Console.WriteLine($"ours: connection interrupted: {interruption}");
}

Console.WriteLine($"ours: {ours.Received} received, {ours.Lost} lost, {ours.Duplicated} duplicated, {ours.MessagesPerSecond:0} msg/s, at most {heldAtMost} held unacknowledged (Receive Maximum {receiveMaximum})");
var baselineAudit = AcknowledgementAudit.Of(await broker.LogLinesAsync(), BaselineId);
var oursAudit = AcknowledgementAudit.Of(await broker.LogLinesAsync(), OursId);
Console.WriteLine($"broker's view: {baselineAudit}; {oursAudit}");
foreach (var violation in oursAudit.FirstViolations)
{
    Console.WriteLine($"ours: {violation}");
}
var ratio = baseline.MessagesPerSecond == 0 ? 0 : ours.MessagesPerSecond / baseline.MessagesPerSecond;
Console.WriteLine(string.Create(
    System.Globalization.CultureInfo.InvariantCulture,
    $"mqtt: ratio {ratio:0.00} (MQTTnet+ordered acks {ours.MessagesPerSecond:0} msg/s, mosquitto_sub {baseline.MessagesPerSecond:0} msg/s), lost {ours.Lost}, duplicated {ours.Duplicated}, ack-order-violations {oursAudit.Violations} (of {oursAudit.Acknowledgements} PUBACKs), peak-rss {Tools.PeakRssBytes() / (1024 * 1024)} MB"));
