using System.Text;
using WebKita.Gateway.Tests.Support;
using MQTTnet;
using WebKita.Mqtt;

namespace WebKita.Gateway.Tests.Broker;

/// <summary>Device accounts made at runtime over dynamic security, against the project's broker config.</summary>
public sealed class DynamicSecurityAccountsTests : SecuredBrokerTest
{
    [Fact]
    public async Task CreateDeviceAsync_RunningBroker_DevicePublishesAndGatewayReceivesWithoutRestart()
    {
        await using var gateway = await GatewaySubscriberAsync("gateway-test");
        await Accounts.CreateDeviceAsync("kiosk-1", "pw-1", default);

        await using var device = await Devices.ConnectAsync(Devices.Options(Broker, "kiosk-1", "pw-1"));
        var published = await device.PublishAsync("sue/v1/kiosk-1/report", "hello");

        published.ReasonCode.Should().Be(MqttClientPublishReasonCode.Success);
        var received = await gateway.Messages.ReadAsync().AsTask().WaitAsync(TestTimeouts.Default);
        received.Topic.Should().Be("sue/v1/kiosk-1/report");
        Encoding.UTF8.GetString(received.Payload).Should().Be("hello");
    }

    [Fact]
    public async Task Publish_UnderAnotherDevicesIdOrOnOwnAck_BrokerAnswersNotAuthorized()
    {
        await using var gateway = await GatewaySubscriberAsync("gateway-test");
        await Accounts.CreateDeviceAsync("kiosk-1", "pw-1", default);
        await Accounts.CreateDeviceAsync("kiosk-2", "pw-2", default);
        await using var device = await Devices.ConnectAsync(Devices.Options(Broker, "kiosk-1", "pw-1"));

        var asOther = await device.PublishAsync("sue/v1/kiosk-2/report", "forged");
        var forgedAck = await device.PublishAsync("sue/v1/kiosk-1/ack", "forged ack");
        var outside = await device.PublishAsync("other/topic", "x");
        var own = await device.PublishAsync("sue/v1/kiosk-1/telemetry", "mine");

        asOther.ReasonCode.Should().Be(MqttClientPublishReasonCode.NotAuthorized);
        forgedAck.ReasonCode.Should().Be(MqttClientPublishReasonCode.NotAuthorized);
        outside.ReasonCode.Should().Be(MqttClientPublishReasonCode.NotAuthorized);
        own.ReasonCode.Should().Be(MqttClientPublishReasonCode.Success);
        // Only the device's own message got through; it arrives first because the broker keeps order per publisher.
        var received = await gateway.Messages.ReadAsync().AsTask().WaitAsync(TestTimeouts.Default);
        received.Topic.Should().Be("sue/v1/kiosk-1/telemetry");
    }

    [Fact]
    public async Task Subscribe_AnotherDevicesAck_RefusedAndOwnAckDelivered()
    {
        await Accounts.CreateDeviceAsync("kiosk-1", "pw-1", default);
        await Accounts.CreateDeviceAsync("kiosk-2", "pw-2", default);
        await using var device = await Devices.ConnectAsync(Devices.Options(Broker, "kiosk-1", "pw-1"));
        await using var gateway = await Devices.ConnectAsync(Devices.Options(Broker, Broker.GatewayUser, Broker.GatewayPassword, "gateway-acks"));

        var others = await device.SubscribeAsync("sue/v1/kiosk-2/ack");
        var wildcard = await device.SubscribeAsync("sue/v1/+/ack");
        var own = await device.SubscribeAsync("sue/v1/kiosk-1/ack");
        (await gateway.PublishAsync("sue/v1/kiosk-2/ack", "for kiosk-2")).IsSuccess.Should().BeTrue();
        (await gateway.PublishAsync("sue/v1/kiosk-1/ack", "for kiosk-1")).IsSuccess.Should().BeTrue();

        others.Items.Single().ResultCode.Should().Be(MqttClientSubscribeResultCode.NotAuthorized);
        wildcard.Items.Single().ResultCode.Should().Be(MqttClientSubscribeResultCode.NotAuthorized);
        own.IsGranted().Should().BeTrue();
        var received = await device.Messages.ReadAsync().AsTask().WaitAsync(TestTimeouts.Default);
        Encoding.UTF8.GetString(received.Payload).Should().Be("for kiosk-1");
    }

    [Fact]
    public async Task Connect_WrongPasswordOrAnotherDevicesClientId_Refused()
    {
        await Accounts.CreateDeviceAsync("kiosk-1", "pw-1", default);
        await Accounts.CreateDeviceAsync("kiosk-2", "pw-2", default);

        var wrongPassword = await TryConnectAsync(Devices.Options(Broker, "kiosk-1", "nope"));
        var takeover = await TryConnectAsync(Devices.Options(Broker, "kiosk-1", "pw-1", clientId: "kiosk-2"));
        var anonymous = await TryConnectAsync(Broker.ClientOptions("anon") with { Reconnect = new() { Enabled = false } });

        wrongPassword.Should().BeOneOf(MqttClientConnectResultCode.BadUserNameOrPassword, MqttClientConnectResultCode.NotAuthorized);
        takeover.Should().BeOneOf(MqttClientConnectResultCode.NotAuthorized, MqttClientConnectResultCode.ClientIdentifierNotValid);
        anonymous.Should().BeOneOf(MqttClientConnectResultCode.BadUserNameOrPassword, MqttClientConnectResultCode.NotAuthorized);
    }

    [Fact]
    public async Task DisableDeviceAsync_RegisteredDevice_CannotConnectAnyMore()
    {
        await Accounts.CreateDeviceAsync("sensor-1", "pw", default);
        (await TryConnectAsync(Devices.Options(Broker, "sensor-1", "pw"))).Should().Be(MqttClientConnectResultCode.Success);

        await Accounts.DisableDeviceAsync("sensor-1", default);

        (await TryConnectAsync(Devices.Options(Broker, "sensor-1", "pw"))).Should().NotBe(MqttClientConnectResultCode.Success);
    }

    [Fact]
    public async Task CreateDeviceAsync_Again_NewPasswordWorksOldOneNotAndDisabledDeviceIsEnabled()
    {
        await Accounts.CreateDeviceAsync("sensor-1", "old", default);
        await Accounts.DisableDeviceAsync("sensor-1", default);

        await Accounts.CreateDeviceAsync("sensor-1", "new", default);

        (await TryConnectAsync(Devices.Options(Broker, "sensor-1", "old"))).Should().NotBe(MqttClientConnectResultCode.Success);
        (await TryConnectAsync(Devices.Options(Broker, "sensor-1", "new"))).Should().Be(MqttClientConnectResultCode.Success);
    }

    [Fact]
    public async Task CreateDeviceAsync_IdWithTopicCharacters_Throws()
    {
        var act = () => Accounts.CreateDeviceAsync("a/+/#", "pw", default);

        await act.Should().ThrowAsync<ArgumentException>();
    }

    private static async Task<MqttClientConnectResultCode> TryConnectAsync(WebKita.Mqtt.Connecting.MqttConnectionOptions options)
    {
        await using var client = new MqttSessionClient(options);
        var result = await client.ConnectAsync();
        return result.ResultCode;
    }
}
