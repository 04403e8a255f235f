using System.Text;
using WebKita.Mqtt.Packets;
using WebKita.Mqtt.Publishing;
using WebKita.Mqtt.Subscribing;

namespace WebKita.Mqtt.Tests.Codec;

/// <summary>One or more instances of every packet type, with every field away from its default somewhere.</summary>
public static class PacketSamples
{
    private static readonly MqttUserProperty[] UserProperties = [new("site", "jakarta"), new("site", "bandung"), new("ünïcode", "✓")];

    public static IReadOnlyList<MqttPacket> All { get; } =
    [
        new ConnectPacket { ClientId = "gateway-1", CleanStart = true, KeepAliveSeconds = 30 },
        new ConnectPacket
        {
            ClientId = "gateway-2",
            KeepAliveSeconds = 65535,
            Username = "user",
            Password = [1, 2, 3],
            SessionExpiryInterval = 3600,
            ReceiveMaximum = 100,
            MaximumPacketSize = 65536,
            TopicAliasMaximum = 10,
            RequestResponseInformation = true,
            RequestProblemInformation = false,
            UserProperties = UserProperties,
            Will = new MqttWill(
                new MqttApplicationMessage
                {
                    Topic = "gateways/2/status",
                    Payload = Encoding.UTF8.GetBytes("offline"),
                    QualityOfService = MqttQualityOfService.AtLeastOnce,
                    Retain = true,
                    PayloadIsUtf8 = true,
                    MessageExpiryInterval = 60,
                    ContentType = "text/plain",
                    ResponseTopic = "r",
                    CorrelationData = [9],
                    UserProperties = UserProperties,
                },
                DelayInterval: 5),
        },
        new ConnAckPacket(),
        new ConnAckPacket
        {
            SessionPresent = true,
            ReasonCode = MqttReasonCode.Success,
            SessionExpiryInterval = 120,
            ReceiveMaximum = 20,
            MaximumQoS = MqttQualityOfService.AtLeastOnce,
            RetainAvailable = false,
            MaximumPacketSize = 1000,
            AssignedClientId = "auto-1",
            TopicAliasMaximum = 5,
            ReasonString = "welcome",
            UserProperties = UserProperties,
            WildcardSubscriptionAvailable = false,
            SubscriptionIdentifiersAvailable = false,
            SharedSubscriptionAvailable = false,
            ServerKeepAlive = 15,
            ResponseInformation = "resp",
            ServerReference = "other:1883",
            AuthenticationMethod = "none",
            AuthenticationData = [4, 5],
        },
        new ConnAckPacket { ReasonCode = MqttReasonCode.NotAuthorized },
        new PublishPacket { Message = new MqttApplicationMessage { Topic = "a/b", Payload = [] } },
        new PublishPacket
        {
            Message = new MqttApplicationMessage
            {
                Topic = "devices/42/telemetry",
                Payload = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray(),
                QualityOfService = MqttQualityOfService.AtLeastOnce,
                Retain = true,
                PayloadIsUtf8 = true,
                MessageExpiryInterval = 10,
                ContentType = "application/json",
                ResponseTopic = "devices/42/reply",
                CorrelationData = [1, 2, 3, 4],
                UserProperties = UserProperties,
            },
            PacketId = 65535,
            Duplicate = true,
            SubscriptionIdentifiers = [1, 268_435_455],
        },
        new PublishPacket { Message = new MqttApplicationMessage { Topic = "", Payload = [7], QualityOfService = MqttQualityOfService.ExactlyOnce }, PacketId = 3, TopicAlias = 4 },
        new PublishAckPacket(MqttPacketType.PubAck, 1),
        new PublishAckPacket(MqttPacketType.PubAck, 2, MqttReasonCode.NoMatchingSubscribers),
        new PublishAckPacket(MqttPacketType.PubRec, 3, MqttReasonCode.QuotaExceeded) { ReasonString = "full", UserProperties = UserProperties },
        new PublishAckPacket(MqttPacketType.PubRel, 4),
        new PublishAckPacket(MqttPacketType.PubComp, 5, MqttReasonCode.PacketIdentifierNotFound),
        new SubscribePacket
        {
            PacketId = 10,
            SubscriptionIdentifier = 77,
            UserProperties = UserProperties,
            Subscriptions =
            [
                new MqttTopicSubscription("devices/+/telemetry", MqttQualityOfService.AtLeastOnce, NoLocal: true, RetainAsPublished: true, MqttRetainHandling.DoNotSend),
                new MqttTopicSubscription("$share/gateways/devices/#", MqttQualityOfService.ExactlyOnce, RetainHandling: MqttRetainHandling.SendAtSubscribeIfNew),
                new MqttTopicSubscription("x", MqttQualityOfService.AtMostOnce),
            ],
        },
        new SubAckPacket(MqttPacketType.SubAck, 10, [MqttReasonCode.GrantedQoS1, MqttReasonCode.GrantedQoS2, MqttReasonCode.NotAuthorized]) { ReasonString = "partly", UserProperties = UserProperties },
        new UnsubscribePacket { PacketId = 11, TopicFilters = ["a/#", "b/+"], UserProperties = UserProperties },
        new SubAckPacket(MqttPacketType.UnsubAck, 11, [MqttReasonCode.Success, MqttReasonCode.NoSubscriptionExisted]),
        PingPacket.Request,
        PingPacket.Response,
        new DisconnectPacket(),
        new DisconnectPacket { ReasonCode = MqttReasonCode.DisconnectWithWillMessage },
        new DisconnectPacket { ReasonCode = MqttReasonCode.ServerMoved, SessionExpiryInterval = 0, ReasonString = "bye", ServerReference = "b:1883", UserProperties = UserProperties },
    ];

    public static byte[] Encode(MqttPacket packet)
    {
        using var writer = new PacketWriter();
        PacketEncoder.Encode(packet, writer);
        return writer.WrittenSpan.ToArray();
    }
}
