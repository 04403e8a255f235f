using WebKita.Mqtt.Publishing;

namespace WebKita.Mqtt.Packets;

/// <summary>Encodes packets into a <see cref="PacketWriter"/>; properties equal to their MQTT default are omitted.</summary>
internal static partial class PacketEncoder
{
    public static void Encode(MqttPacket packet, PacketWriter writer)
    {
        switch (packet)
        {
            case PublishPacket publish:
                EncodePublish(publish, writer);
                break;
            case PublishAckPacket ack:
                EncodePublishAck(ack, writer);
                break;
            case ConnectPacket connect:
                EncodeConnect(connect, writer);
                break;
            case ConnAckPacket connAck:
                EncodeConnAck(connAck, writer);
                break;
            case SubscribePacket subscribe:
                EncodeSubscribe(subscribe, writer);
                break;
            case SubAckPacket subAck:
                EncodeSubAck(subAck, writer);
                break;
            case UnsubscribePacket unsubscribe:
                EncodeUnsubscribe(unsubscribe, writer);
                break;
            case PingPacket ping:
                writer.WriteByte((byte)((int)ping.Kind << 4));
                writer.WriteByte(0);
                break;
            case DisconnectPacket disconnect:
                EncodeDisconnect(disconnect, writer);
                break;
            default:
                throw new ArgumentException($"cannot encode {packet.GetType().Name}", nameof(packet));
        }
    }

    /// <summary>The encoded size in bytes, for checking against the server's maximum packet size.</summary>
    public static int Measure(MqttPacket packet)
    {
        using var writer = new PacketWriter(512);
        Encode(packet, writer);
        return writer.Length;
    }

    private static void EncodePublish(PublishPacket packet, PacketWriter writer)
    {
        var message = packet.Message;
        var flags = ((int)message.QualityOfService << 1) | (packet.Duplicate ? 0x08 : 0) | (message.Retain ? 0x01 : 0);
        var start = writer.BeginPacket(MqttPacketType.Publish, flags);
        writer.WriteString(message.Topic);
        if (message.QualityOfService != MqttQualityOfService.AtMostOnce)
        {
            writer.WriteUInt16(packet.PacketId);
        }

        var properties = writer.BeginLengthPrefixed();
        WriteMessageProperties(message, writer);
        if (packet.TopicAlias is { } topicAlias)
        {
            writer.WriteProperty(PropertyId.TopicAlias, topicAlias);
        }

        foreach (var subscriptionIdentifier in packet.SubscriptionIdentifiers)
        {
            writer.WriteSubscriptionIdentifier(subscriptionIdentifier);
        }

        writer.EndLengthPrefixed(properties);
        writer.WriteBytes(message.Payload);
        writer.EndPacket(start);
    }

    private static void WriteMessageProperties(MqttApplicationMessage message, PacketWriter writer)
    {
        if (message.PayloadIsUtf8)
        {
            writer.WriteProperty(PropertyId.PayloadFormatIndicator, (byte)1);
        }

        if (message.MessageExpiryInterval is { } expiry)
        {
            writer.WriteProperty(PropertyId.MessageExpiryInterval, expiry);
        }

        writer.WriteProperty(PropertyId.ContentType, message.ContentType);
        writer.WriteProperty(PropertyId.ResponseTopic, message.ResponseTopic);
        writer.WriteProperty(PropertyId.CorrelationData, message.CorrelationData);
        writer.WriteUserProperties(message.UserProperties);
    }

    private static void EncodePublishAck(PublishAckPacket packet, PacketWriter writer)
    {
        var start = writer.BeginPacket(packet.Kind, packet.Kind == MqttPacketType.PubRel ? 0x02 : 0);
        writer.WriteUInt16(packet.PacketId);

        // The short forms of §3.4.2.1: reason code and properties may be left out when they are defaults.
        var hasProperties = packet.ReasonString is not null || packet.UserProperties.Count > 0;
        if (packet.ReasonCode != MqttReasonCode.Success || hasProperties)
        {
            writer.WriteByte((byte)packet.ReasonCode);
        }

        if (hasProperties)
        {
            var properties = writer.BeginLengthPrefixed();
            writer.WriteProperty(PropertyId.ReasonString, packet.ReasonString);
            writer.WriteUserProperties(packet.UserProperties);
            writer.EndLengthPrefixed(properties);
        }

        writer.EndPacket(start);
    }
}
