using WebKita.Mqtt.Publishing;

namespace WebKita.Mqtt.Packets;

/// <summary>Encodes packets into a <see cref="PacketWriter"/>; properties equal to their MQTT default are omitted.</summary>
internal static class PacketEncoder
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

    private static void EncodeConnect(ConnectPacket packet, PacketWriter writer)
    {
        var will = packet.Will;
        var flags = 0;
        if (packet.Username is not null)
        {
            flags |= 0x80;
        }

        if (packet.Password is not null)
        {
            flags |= 0x40;
        }

        if (will is not null)
        {
            flags |= 0x04 | ((int)will.Message.QualityOfService << 3) | (will.Message.Retain ? 0x20 : 0);
        }

        if (packet.CleanStart)
        {
            flags |= 0x02;
        }

        var start = writer.BeginPacket(MqttPacketType.Connect, 0);
        writer.WriteString("MQTT");
        writer.WriteByte(5);
        writer.WriteByte((byte)flags);
        writer.WriteUInt16(packet.KeepAliveSeconds);

        var properties = writer.BeginLengthPrefixed();
        if (packet.SessionExpiryInterval != 0)
        {
            writer.WriteProperty(PropertyId.SessionExpiryInterval, packet.SessionExpiryInterval);
        }

        if (packet.ReceiveMaximum != ushort.MaxValue)
        {
            writer.WriteProperty(PropertyId.ReceiveMaximum, packet.ReceiveMaximum);
        }

        if (packet.MaximumPacketSize is { } maximumPacketSize)
        {
            writer.WriteProperty(PropertyId.MaximumPacketSize, maximumPacketSize);
        }

        if (packet.TopicAliasMaximum != 0)
        {
            writer.WriteProperty(PropertyId.TopicAliasMaximum, packet.TopicAliasMaximum);
        }

        if (packet.RequestResponseInformation)
        {
            writer.WriteProperty(PropertyId.RequestResponseInformation, (byte)1);
        }

        if (!packet.RequestProblemInformation)
        {
            writer.WriteProperty(PropertyId.RequestProblemInformation, (byte)0);
        }

        writer.WriteUserProperties(packet.UserProperties);
        writer.EndLengthPrefixed(properties);

        writer.WriteString(packet.ClientId);
        if (will is not null)
        {
            var willProperties = writer.BeginLengthPrefixed();
            if (will.DelayInterval != 0)
            {
                writer.WriteProperty(PropertyId.WillDelayInterval, will.DelayInterval);
            }

            WriteMessageProperties(will.Message, writer);
            writer.EndLengthPrefixed(willProperties);
            writer.WriteString(will.Message.Topic);
            writer.WriteBinary(will.Message.Payload);
        }

        if (packet.Username is not null)
        {
            writer.WriteString(packet.Username);
        }

        if (packet.Password is not null)
        {
            writer.WriteBinary(packet.Password);
        }

        writer.EndPacket(start);
    }

    private static void EncodeConnAck(ConnAckPacket packet, PacketWriter writer)
    {
        var start = writer.BeginPacket(MqttPacketType.ConnAck, 0);
        writer.WriteByte(packet.SessionPresent ? (byte)1 : (byte)0);
        writer.WriteByte((byte)packet.ReasonCode);
        var properties = writer.BeginLengthPrefixed();
        if (packet.SessionExpiryInterval is { } sessionExpiry)
        {
            writer.WriteProperty(PropertyId.SessionExpiryInterval, sessionExpiry);
        }

        if (packet.ReceiveMaximum != ushort.MaxValue)
        {
            writer.WriteProperty(PropertyId.ReceiveMaximum, packet.ReceiveMaximum);
        }

        if (packet.MaximumQoS != MqttQualityOfService.ExactlyOnce)
        {
            writer.WriteProperty(PropertyId.MaximumQoS, (byte)packet.MaximumQoS);
        }

        if (!packet.RetainAvailable)
        {
            writer.WriteProperty(PropertyId.RetainAvailable, (byte)0);
        }

        if (packet.MaximumPacketSize is { } maximumPacketSize)
        {
            writer.WriteProperty(PropertyId.MaximumPacketSize, maximumPacketSize);
        }

        writer.WriteProperty(PropertyId.AssignedClientIdentifier, packet.AssignedClientId);
        if (packet.TopicAliasMaximum != 0)
        {
            writer.WriteProperty(PropertyId.TopicAliasMaximum, packet.TopicAliasMaximum);
        }

        writer.WriteProperty(PropertyId.ReasonString, packet.ReasonString);
        writer.WriteUserProperties(packet.UserProperties);
        if (!packet.WildcardSubscriptionAvailable)
        {
            writer.WriteProperty(PropertyId.WildcardSubscriptionAvailable, (byte)0);
        }

        if (!packet.SubscriptionIdentifiersAvailable)
        {
            writer.WriteProperty(PropertyId.SubscriptionIdentifierAvailable, (byte)0);
        }

        if (!packet.SharedSubscriptionAvailable)
        {
            writer.WriteProperty(PropertyId.SharedSubscriptionAvailable, (byte)0);
        }

        if (packet.ServerKeepAlive is { } serverKeepAlive)
        {
            writer.WriteProperty(PropertyId.ServerKeepAlive, serverKeepAlive);
        }

        writer.WriteProperty(PropertyId.ResponseInformation, packet.ResponseInformation);
        writer.WriteProperty(PropertyId.ServerReference, packet.ServerReference);
        writer.WriteProperty(PropertyId.AuthenticationMethod, packet.AuthenticationMethod);
        writer.WriteProperty(PropertyId.AuthenticationData, packet.AuthenticationData);
        writer.EndLengthPrefixed(properties);
        writer.EndPacket(start);
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
