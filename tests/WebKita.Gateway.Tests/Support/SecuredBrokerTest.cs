using WebKita.Broker;
using WebKita.Mqtt;
using WebKita.Testing;

namespace WebKita.Gateway.Tests.Support;

/// <summary>
/// A test class against the project's broker config (deploy/mosquitto), with device accounts made
/// by the api's dynamic-security commands; one broker per test.
/// </summary>
public abstract class SecuredBrokerTest : IAsyncLifetime
{
    protected MosquittoBroker Broker { get; private set; } = null!;

    protected DynamicSecurityAccounts Accounts { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Broker = await MosquittoBroker.StartSecuredAsync();
        Accounts = Devices.Accounts(Broker);
    }

    public async Task DisposeAsync()
    {
        await Accounts.DisposeAsync();
        await Broker.DisposeAsync();
    }

    /// <summary>The gateway's account, subscribed to every device's topics as gateways share them.</summary>
    protected async Task<MqttSessionClient> GatewaySubscriberAsync(string clientId)
    {
        var gateway = await Devices.ConnectAsync(Devices.Options(Broker, Broker.GatewayUser, Broker.GatewayPassword, clientId));
        (await gateway.SubscribeAsync(DeviceTopics.SharedSubscription)).IsGranted().Should().BeTrue();
        return gateway;
    }
}
