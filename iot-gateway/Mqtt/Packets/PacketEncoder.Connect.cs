namespace WebKita.Mqtt.Packets;

internal static partial class PacketEncoder
{
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
}
