using System.Text;
using MQTTnet;
using WebKita.Broker;
using WebKita.Gateway.Tests.Support;
using WebKita.Testing;

namespace WebKita.Gateway.Tests.Broker;

/// <summary>
/// What the vendor's run found: a device must never be told "accepted" for a message no gateway
/// takes. Against the project's broker config (deploy/mosquitto), with accounts made by the api's
/// dynamic-security commands.
/// </summary>
public sealed class DeviceTopicRulesTests : SecuredBrokerTest
{
    [Theory]
    [InlineData("sue/v1/kiosk-1/alarm")]
    [InlineData("sue/v1/kiosk-1/")]
    [InlineData("sue/v1/kiosk-1/report/extra")]
    [InlineData("sue/v1/kiosk-1")]
    [InlineData("sue/v1/kiosk-1/ack")]
    [InlineData("sue/v1/kiosk-2/report")]
    public async Task Publish_UndocumentedTopic_NotAuthorized(string topic)
    {
        await Accounts.CreateDeviceAsync("kiosk-1", "pw-1", default);
        await using var device = await Devices.ConnectAsync(Devices.Options(Broker, "kiosk-1", "pw-1"));

        var published = await device.PublishAsync(topic, Devices.Report("kiosk-1", "r-1"));

        published.ReasonCode.Should().Be(MqttClientPublishReasonCode.NotAuthorized);
    }

    [Fact]
    public async Task Publish_DocumentedTopics_AcceptedAndOnlyTheyReachTheGateway()
    {
        await using var gateway = await GatewaySubscriberAsync("gateway-rules");
        await Accounts.CreateDeviceAsync("kiosk-1", "pw-1", default);
        await using var device = await Devices.ConnectAsync(Devices.Options(Broker, "kiosk-1", "pw-1"));

        var refused = await device.PublishAsync("sue/v1/kiosk-1/alarm", "x");
        var results = new List<MqttClientPublishResult>();
        foreach (var channel in DeviceTopics.DeviceChannels)
        {
            results.Add(await device.PublishAsync($"sue/v1/kiosk-1/{channel}", channel));
        }

        refused.ReasonCode.Should().Be(MqttClientPublishReasonCode.NotAuthorized);
        results.Should().OnlyContain(r => r.ReasonCode == MqttClientPublishReasonCode.Success);
        var received = await gateway.Messages.ReadAllAsync().Take(3).ToListAsync().AsTask().WaitAsync(TestTimeouts.Default);
        received.Select(m => m.Topic).Should().Equal("sue/v1/kiosk-1/report", "sue/v1/kiosk-1/telemetry", "sue/v1/kiosk-1/status");
    }

    [Fact]
    public async Task Publish_PayloadOver16KiB_RefusedInThePubAckAndTheDeviceStaysConnected()
    {
        await using var gateway = await GatewaySubscriberAsync("gateway-rules");
        await Accounts.CreateDeviceAsync("kiosk-1", "pw-1", default);
        await using var device = await Devices.ConnectAsync(Devices.Options(Broker, "kiosk-1", "pw-1"));

        var tooLarge = await device.PublishAsync(Devices.Qos1("sue/v1/kiosk-1/report", Encoding.UTF8.GetBytes(new string('x', 20 * 1024))));
        var atTheLimit = await device.PublishAsync(Devices.Qos1("sue/v1/kiosk-1/report", Encoding.UTF8.GetBytes(new string('y', 16 * 1024))));

        ((int)tooLarge.ReasonCode).Should().Be(0x95, "Packet too large, from message_size_limit in deploy/mosquitto/mosquitto.conf");
        atTheLimit.ReasonCode.Should().Be(MqttClientPublishReasonCode.Success);
        var received = await gateway.Messages.ReadAsync().AsTask().WaitAsync(TestTimeouts.Default);
        received.Payload.Length.Should().Be(16 * 1024, "the refused message reaches no gateway");
    }

    [Fact]
    public async Task CreateDeviceAsync_RoleFromBeforeExactGrants_UpdatedToExactlyTheDocumentedTopics()
    {
        // A device account as the api made it before: its role granted the whole subtree.
        var admin = new[] { "-h", "127.0.0.1", "-p", Broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-u", Broker.AdminUser, "-P", Broker.AdminPassword, "dynsec" };
        await CtrlAsync([.. admin, "createRole", "device-kiosk-1"]);
        await CtrlAsync([.. admin, "addRoleACL", "device-kiosk-1", "publishClientSend", "sue/v1/kiosk-1/#", "allow", "0"]);

        await Accounts.CreateDeviceAsync("kiosk-1", "pw-1", default);
        await using var device = await Devices.ConnectAsync(Devices.Options(Broker, "kiosk-1", "pw-1"));

        (await device.PublishAsync("sue/v1/kiosk-1/alarm", "x")).ReasonCode.Should().Be(MqttClientPublishReasonCode.NotAuthorized);
        (await device.PublishAsync("sue/v1/kiosk-1/report", "x")).ReasonCode.Should().Be(MqttClientPublishReasonCode.NoMatchingSubscribers);
    }

    private static async Task CtrlAsync(string[] arguments)
    {
        var result = await Command.RunAsync("mosquitto_ctrl", arguments, TestTimeouts.Default);
        result.ExitCode.Should().Be(0, result.Output);
    }
}
