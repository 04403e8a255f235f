namespace WebKita.Mqtt.Packets;

internal static partial class PacketEncoder
{
    private static void EncodeSubscribe(SubscribePacket packet, PacketWriter writer)
    {
        var start = writer.BeginPacket(MqttPacketType.Subscribe, 0x02);
        writer.WriteUInt16(packet.PacketId);
        var properties = writer.BeginLengthPrefixed();
        if (packet.SubscriptionIdentifier is { } subscriptionIdentifier)
        {
            writer.WriteSubscriptionIdentifier(subscriptionIdentifier);
        }

        writer.WriteUserProperties(packet.UserProperties);
        writer.EndLengthPrefixed(properties);
        foreach (var subscription in packet.Subscriptions)
        {
            writer.WriteString(subscription.TopicFilter);
            writer.WriteByte((byte)((int)subscription.QualityOfService
                | (subscription.NoLocal ? 0x04 : 0)
                | (subscription.RetainAsPublished ? 0x08 : 0)
                | ((int)subscription.RetainHandling << 4)));
        }

        writer.EndPacket(start);
    }

    private static void EncodeSubAck(SubAckPacket packet, PacketWriter writer)
    {
        var start = writer.BeginPacket(packet.Kind, 0);
        writer.WriteUInt16(packet.PacketId);
        var properties = writer.BeginLengthPrefixed();
        writer.WriteProperty(PropertyId.ReasonString, packet.ReasonString);
        writer.WriteUserProperties(packet.UserProperties);
        writer.EndLengthPrefixed(properties);
        foreach (var reasonCode in packet.ReasonCodes)
        {
            writer.WriteByte((byte)reasonCode);
        }

        writer.EndPacket(start);
    }

    private static void EncodeUnsubscribe(UnsubscribePacket packet, PacketWriter writer)
    {
        var start = writer.BeginPacket(MqttPacketType.Unsubscribe, 0x02);
        writer.WriteUInt16(packet.PacketId);
        var properties = writer.BeginLengthPrefixed();
        writer.WriteUserProperties(packet.UserProperties);
        writer.EndLengthPrefixed(properties);
        foreach (var topicFilter in packet.TopicFilters)
        {
            writer.WriteString(topicFilter);
        }

        writer.EndPacket(start);
    }

    private static void EncodeDisconnect(DisconnectPacket packet, PacketWriter writer)
    {
        var start = writer.BeginPacket(MqttPacketType.Disconnect, 0);
        var hasProperties = packet.SessionExpiryInterval is not null || packet.ReasonString is not null
            || packet.ServerReference is not null || packet.UserProperties.Count > 0;
        if (packet.ReasonCode != MqttReasonCode.Success || hasProperties)
        {
            writer.WriteByte((byte)packet.ReasonCode);
        }

        if (hasProperties)
        {
            var properties = writer.BeginLengthPrefixed();
            if (packet.SessionExpiryInterval is { } sessionExpiry)
            {
                writer.WriteProperty(PropertyId.SessionExpiryInterval, sessionExpiry);
            }

            writer.WriteProperty(PropertyId.ReasonString, packet.ReasonString);
            writer.WriteProperty(PropertyId.ServerReference, packet.ServerReference);
            writer.WriteUserProperties(packet.UserProperties);
            writer.EndLengthPrefixed(properties);
        }

        writer.EndPacket(start);
    }
}
