namespace WebKita.Mqtt.Packets;

internal static partial class PacketDecoder
{
    private static ConnectPacket DecodeConnect(ReadOnlySpan<byte> body)
    {
        var reader = new PacketReader(body, "CONNECT");
        var protocolName = reader.ReadString("protocol name");
        var version = reader.ReadByte("protocol version");
        if (protocolName != "MQTT" || version != 5)
        {
            throw new MqttProtocolException(MqttReasonCode.UnsupportedProtocolVersion, $"CONNECT: protocol '{protocolName}' version {version}, expected MQTT 5");
        }

        var flags = reader.ReadByte("connect flags");
        if ((flags & 0x01) != 0)
        {
            throw MqttProtocolException.Malformed("CONNECT: reserved connect flag is set");
        }

        var hasWill = (flags & 0x04) != 0;
        var willQoS = (flags >> 3) & 0x03;
        if (willQoS == 3 || (!hasWill && (flags & 0x38) != 0))
        {
            throw MqttProtocolException.Malformed($"CONNECT: invalid will flags 0x{flags:X2}");
        }

        var packet = new ConnectPacket
        {
            CleanStart = (flags & 0x02) != 0,
            KeepAliveSeconds = reader.ReadUInt16("keep alive"),
        };

        List<MqttUserProperty>? userProperties = null;
        var properties = reader.ReadPropertyBlock();
        ulong seen = 0;
        while (!properties.End)
        {
            var id = properties.ReadPropertyId(ref seen);
            packet = id switch
            {
                PropertyId.SessionExpiryInterval => packet with { SessionExpiryInterval = properties.ReadUInt32("session expiry interval") },
                PropertyId.ReceiveMaximum => packet with { ReceiveMaximum = NonZero(properties.ReadUInt16("receive maximum"), "receive maximum") },
                PropertyId.MaximumPacketSize => packet with { MaximumPacketSize = NonZero(properties.ReadUInt32("maximum packet size"), "maximum packet size") },
                PropertyId.TopicAliasMaximum => packet with { TopicAliasMaximum = properties.ReadUInt16("topic alias maximum") },
                PropertyId.RequestResponseInformation => packet with { RequestResponseInformation = ReadBoolean(ref properties, "request response information") },
                PropertyId.RequestProblemInformation => packet with { RequestProblemInformation = ReadBoolean(ref properties, "request problem information") },
                PropertyId.UserProperty => ReadUserPropertyInto(ref properties, ref userProperties, packet),
                _ => throw properties.PropertyNotAllowed(id),
            };
        }

        packet = packet with { ClientId = reader.ReadString("client identifier"), UserProperties = userProperties ?? [] };
        if (hasWill)
        {
            var values = default(MessagePropertyValues);
            uint delay = 0;
            var willProperties = reader.ReadPropertyBlock();
            ulong willSeen = 0;
            while (!willProperties.End)
            {
                var id = willProperties.ReadPropertyId(ref willSeen);
                if (id == PropertyId.WillDelayInterval)
                {
                    delay = willProperties.ReadUInt32("will delay interval");
                }
                else if (!ReadMessageProperty(ref willProperties, id, ref values))
                {
                    throw willProperties.PropertyNotAllowed(id);
                }
            }

            var topic = reader.ReadString("will topic");
            var payload = reader.ReadBinary("will payload");
            var message = values.ToMessage(topic, payload, (MqttQualityOfService)willQoS, (flags & 0x20) != 0);
            packet = packet with { Will = new MqttWill(message, delay) };
        }

        if ((flags & 0x80) != 0)
        {
            packet = packet with { Username = reader.ReadString("user name") };
        }

        if ((flags & 0x40) != 0)
        {
            packet = packet with { Password = reader.ReadBinary("password") };
        }

        reader.ExpectEnd();
        return packet;
    }

    private static ConnAckPacket DecodeConnAck(ReadOnlySpan<byte> body)
    {
        var reader = new PacketReader(body, "CONNACK");
        var acknowledgeFlags = reader.ReadByte("acknowledge flags");
        if ((acknowledgeFlags & 0xFE) != 0)
        {
            throw MqttProtocolException.Malformed($"CONNACK: reserved acknowledge flags 0x{acknowledgeFlags:X2}");
        }

        var packet = new ConnAckPacket
        {
            SessionPresent = acknowledgeFlags == 1,
            ReasonCode = (MqttReasonCode)reader.ReadByte("reason code"),
        };

        List<MqttUserProperty>? userProperties = null;
        var properties = reader.ReadPropertyBlock();
        ulong seen = 0;
        while (!properties.End)
        {
            var id = properties.ReadPropertyId(ref seen);
            packet = id switch
            {
                PropertyId.SessionExpiryInterval => packet with { SessionExpiryInterval = properties.ReadUInt32("session expiry interval") },
                PropertyId.ReceiveMaximum => packet with { ReceiveMaximum = NonZero(properties.ReadUInt16("receive maximum"), "receive maximum") },
                PropertyId.MaximumQoS => packet with { MaximumQoS = ReadBoolean(ref properties, "maximum QoS") ? MqttQualityOfService.AtLeastOnce : MqttQualityOfService.AtMostOnce },
                PropertyId.RetainAvailable => packet with { RetainAvailable = ReadBoolean(ref properties, "retain available") },
                PropertyId.MaximumPacketSize => packet with { MaximumPacketSize = NonZero(properties.ReadUInt32("maximum packet size"), "maximum packet size") },
                PropertyId.AssignedClientIdentifier => packet with { AssignedClientId = properties.ReadString("assigned client identifier") },
                PropertyId.TopicAliasMaximum => packet with { TopicAliasMaximum = properties.ReadUInt16("topic alias maximum") },
                PropertyId.ReasonString => packet with { ReasonString = properties.ReadString("reason string") },
                PropertyId.UserProperty => ReadUserPropertyInto(ref properties, ref userProperties, packet),
                PropertyId.WildcardSubscriptionAvailable => packet with { WildcardSubscriptionAvailable = ReadBoolean(ref properties, "wildcard subscription available") },
                PropertyId.SubscriptionIdentifierAvailable => packet with { SubscriptionIdentifiersAvailable = ReadBoolean(ref properties, "subscription identifiers available") },
                PropertyId.SharedSubscriptionAvailable => packet with { SharedSubscriptionAvailable = ReadBoolean(ref properties, "shared subscription available") },
                PropertyId.ServerKeepAlive => packet with { ServerKeepAlive = properties.ReadUInt16("server keep alive") },
                PropertyId.ResponseInformation => packet with { ResponseInformation = properties.ReadString("response information") },
                PropertyId.ServerReference => packet with { ServerReference = properties.ReadString("server reference") },
                PropertyId.AuthenticationMethod => packet with { AuthenticationMethod = properties.ReadString("authentication method") },
                PropertyId.AuthenticationData => packet with { AuthenticationData = properties.ReadBinary("authentication data") },
                _ => throw properties.PropertyNotAllowed(id),
            };
        }

        reader.ExpectEnd();
        return packet with { UserProperties = userProperties ?? [] };
    }

    private static T ReadUserPropertyInto<T>(ref PacketReader properties, ref List<MqttUserProperty>? userProperties, T packet)
    {
        ReadUserProperty(ref properties, ref userProperties);
        return packet;
    }

    private static T NonZero<T>(T value, string field)
        where T : System.Numerics.INumber<T>
    {
        if (T.IsZero(value))
        {
            throw MqttProtocolException.ProtocolError($"{field} must not be 0");
        }

        return value;
    }
}
