using WebKita.IotGateway.Ingestion;
using WebKita.Silo.Devices;

namespace WebKita.Gateway.Tests.Ingestion;

public sealed class DeviceTopicTests
{
    [Theory]
    [InlineData("sue/v1/co2-r101/telemetry", "co2-r101", DeviceChannel.Telemetry)]
    [InlineData("sue/v1/kiosk_7/report", "kiosk_7", DeviceChannel.Report)]
    [InlineData("sue/v1/co2-r101/status", "co2-r101", DeviceChannel.Status)]
    public void Parse_DeviceTopic_DeviceAndChannel(string topic, string deviceId, DeviceChannel channel) =>
        DeviceTopic.Parse(topic).Should().Be(new DeviceTopic(deviceId, channel, false, null));

    [Fact]
    public void Parse_GatewaysOwnAck_IsAck() =>
        DeviceTopic.Parse("sue/v1/kiosk_7/ack").Should().Be(new DeviceTopic("kiosk_7", null, true, null));

    [Theory]
    [InlineData("sue/v1/co2-r101", "co2-r101", "topic.invalid_shape")]
    [InlineData("sue/v1/co2-r101/report/extra", "co2-r101", "topic.invalid_shape")]
    [InlineData("sue/v1/", "", "topic.invalid_shape")]
    [InlineData("sue/v1", "", "topic.invalid_shape")]
    [InlineData("sue/v2/co2-r101/telemetry", "", "topic.invalid_shape")]
    [InlineData("other/v1/co2-r101/telemetry", "", "topic.invalid_shape")]
    [InlineData("sue/v1/co2-r101/", "co2-r101", "topic.unknown_channel")]
    [InlineData("sue/v1/co2-r101/alarm", "co2-r101", "topic.unknown_channel")]
    [InlineData("sue/v1//telemetry", "", "topic.invalid_device_id")]
    [InlineData("sue/v1/a+b/telemetry", "a+b", "topic.invalid_device_id")]
    [InlineData("sue/v1/ab/telemetry", "ab", "topic.invalid_device_id")]
    public void Parse_NotADeviceTopic_KeepsTheDeviceIdForTheLetter(string topic, string deviceId, string problem) =>
        DeviceTopic.Parse(topic).Should().Be(new DeviceTopic(deviceId, null, false, problem));
}
