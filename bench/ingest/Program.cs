using System.Globalization;
using WebKita.Bench.Ingest;
using WebKita.Testing;

// 100,000 telemetry messages from 500 sensors, each with its own broker account, published with
// QoS 1 as fast as the broker takes them into two persistent sessions made before the burst:
// mosquitto_sub's (the baseline: raw delivery) and the gateway's shared subscription. Then each is
// drained: mosquitto_sub counting lines, the real gateway process committing every message through
// the domain (validation, idempotency, alarm rules, device state) to PostgreSQL before it
// acknowledges. Lost and duplicated are checked in the store afterwards. A warm-up burst of 10,000
// from 50 other sensors queues before the measured one: both rates are the measured burst's, so
// the gateway's is that of compiled code, not of its first seconds compiling (printed as cold).
const int Devices = 500;
const int WarmUpDevices = 50;
const int PerDevice = 200;
var timeout = TimeSpan.FromMinutes(10);

await using var postgres = await PostgresServer.StartAsync();
var connectionString = await postgres.CreateDatabaseAsync("ingest");
await using var broker = await MosquittoBroker.StartSecuredAsync();
var devices = await BenchDevices.RegisterAsync(connectionString, broker, Devices, WarmUpDevices, PerDevice);
Console.WriteLine($"{Devices} sensors and {WarmUpDevices} warm-up sensors registered in the domain and at the broker");
if (args.Contains("--sink-only"))
{
    // Diagnosis: the domain's sink called directly (no MQTT), one caller per device.
    var concurrency = args.SkipWhile(a => a != "--sink-only").Skip(1).Select(int.Parse).DefaultIfEmpty(Devices).First();
    var direct = await devices.ApplyDirectlyAsync(concurrency);
    Console.WriteLine($"sink alone, {concurrency} callers: {direct.MessagesPerSecond:0} msg/s, CPU of this process {direct.CpuSeconds:0.0} s");
    return;
}


await GatewayRun.PrepareSessionAsync(broker, connectionString);
await Baseline.CreateSessionAsync(broker);
await devices.PublishWarmUpAsync(broker);
var published = await devices.PublishAsync(broker);
Console.WriteLine($"published {devices.Total} telemetry messages QoS 1 from {Devices} connections in {published.TotalSeconds:0.00} s ({devices.Total / published.TotalSeconds:0} msg/s)");

var all = devices.WarmUpTotal + devices.Total;
var baseline = await Baseline.DrainAsync(broker, all, skip: devices.WarmUpTotal);
Console.WriteLine($"mosquitto_sub: {baseline.Received} received, {baseline.Lost} lost, {baseline.Duplicated} duplicated, {baseline.MessagesPerSecond:0} msg/s");

var gateway = await GatewayRun.DrainAsync(broker, connectionString, all, devices.WarmUpTotal, CpuShares.Sampler(postgres, broker), timeout);
var (applied, lost) = await devices.CheckAsync();
// Handled beyond the total are messages the gateway took twice (redelivered); the domain makes a
// repeat a no-op, and the store shows whether any message had a second effect (applied > total).
var duplicated = Math.Max(0, gateway.Handled - all) + Math.Max(0, applied - (all - lost));
Console.WriteLine($"gateway: {gateway.Counters}; store: {applied} applied, {lost} missing; {gateway.MessagesPerSecond:0} msg/s committed ({gateway.ColdMessagesPerSecond:0} msg/s cold, over the warm-up); gateway process CPU {gateway.CpuSeconds:0.0} s in {gateway.WallSeconds:0.0} s");
Console.WriteLine($"CPU a message over the measured burst: {gateway.MeasuredCpu}");
var ratio = baseline.MessagesPerSecond == 0 ? 0 : gateway.MessagesPerSecond / baseline.MessagesPerSecond;
Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"ingest: ratio {ratio:0.00} (gateway {gateway.MessagesPerSecond:0} msg/s, mosquitto_sub {baseline.MessagesPerSecond:0} msg/s), lost {lost}, duplicated {duplicated}, peak-rss {gateway.PeakRssMegabytes} MB"));
