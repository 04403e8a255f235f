namespace WebKita.Mqtt.Packets;

/// <summary>
/// Decodes a packet body. Throws <see cref="MqttProtocolException"/> for anything MQTT 5.0 does
/// not allow and nothing else; allocations are bounded by the body, which the framer bounded by
/// the maximum packet size.
/// </summary>
internal static partial class PacketDecoder
{
    public static MqttPacket Decode(byte fixedHeader, ReadOnlySpan<byte> body)
    {
        var type = (MqttPacketType)(fixedHeader >> 4);
        var flags = fixedHeader & 0x0F;
        if (type != MqttPacketType.Publish)
        {
            var expected = type is MqttPacketType.PubRel or MqttPacketType.Subscribe or MqttPacketType.Unsubscribe ? 2 : 0;
            if (flags != expected)
            {
                throw MqttProtocolException.Malformed($"{type}: fixed header flags 0x{flags:X} must be 0x{expected:X}");
            }
        }

        return type switch
        {
            MqttPacketType.Connect => DecodeConnect(body),
            MqttPacketType.ConnAck => DecodeConnAck(body),
            MqttPacketType.Publish => DecodePublish(flags, body),
            MqttPacketType.PubAck or MqttPacketType.PubRec or MqttPacketType.PubRel or MqttPacketType.PubComp => DecodePublishAck(type, body),
            MqttPacketType.Subscribe => DecodeSubscribe(body),
            MqttPacketType.SubAck or MqttPacketType.UnsubAck => DecodeSubAck(type, body),
            MqttPacketType.Unsubscribe => DecodeUnsubscribe(body),
            MqttPacketType.PingReq => DecodePing(PingPacket.Request, body),
            MqttPacketType.PingResp => DecodePing(PingPacket.Response, body),
            MqttPacketType.Disconnect => DecodeDisconnect(body),
            MqttPacketType.Auth => throw MqttProtocolException.ProtocolError("AUTH received, but this client does not use enhanced authentication"),
            _ => throw MqttProtocolException.Malformed($"reserved packet type 0 (fixed header 0x{fixedHeader:X2})"),
        };
    }

    private static PingPacket DecodePing(PingPacket packet, ReadOnlySpan<byte> body)
    {
        if (!body.IsEmpty)
        {
            throw MqttProtocolException.Malformed($"{packet.Kind} must have no body, got {body.Length} bytes");
        }

        return packet;
    }

    private static PublishAckPacket DecodePublishAck(MqttPacketType kind, ReadOnlySpan<byte> body)
    {
        var reader = new PacketReader(body, kind.ToString().ToUpperInvariant());
        var packetId = ReadPacketId(ref reader);
        var reasonCode = reader.End ? MqttReasonCode.Success : (MqttReasonCode)reader.ReadByte("reason code");
        string? reasonString = null;
        List<MqttUserProperty>? userProperties = null;
        if (!reader.End)
        {
            (reasonString, userProperties) = ReadAcknowledgementProperties(ref reader);
            reader.ExpectEnd();
        }

        return new PublishAckPacket(kind, packetId, reasonCode)
        {
            ReasonString = reasonString,
            UserProperties = userProperties ?? [],
        };
    }

    /// <summary>The property block of an acknowledgement: only a reason string and user properties are allowed.</summary>
    private static (string? ReasonString, List<MqttUserProperty>? UserProperties) ReadAcknowledgementProperties(ref PacketReader reader)
    {
        string? reasonString = null;
        List<MqttUserProperty>? userProperties = null;
        var properties = reader.ReadPropertyBlock();
        ulong seen = 0;
        while (!properties.End)
        {
            var id = properties.ReadPropertyId(ref seen);
            switch (id)
            {
                case PropertyId.ReasonString:
                    reasonString = properties.ReadString("reason string");
                    break;
                case PropertyId.UserProperty:
                    ReadUserProperty(ref properties, ref userProperties);
                    break;
                default:
                    throw properties.PropertyNotAllowed(id);
            }
        }

        return (reasonString, userProperties);
    }

    private static DisconnectPacket DecodeDisconnect(ReadOnlySpan<byte> body)
    {
        var reader = new PacketReader(body, "DISCONNECT");
        var packet = new DisconnectPacket();
        if (reader.End)
        {
            return packet;
        }

        var reasonCode = (MqttReasonCode)reader.ReadByte("reason code");
        if (reader.End)
        {
            return packet with { ReasonCode = reasonCode };
        }

        uint? sessionExpiry = null;
        string? reasonString = null;
        string? serverReference = null;
        List<MqttUserProperty>? userProperties = null;
        var properties = reader.ReadPropertyBlock();
        ulong seen = 0;
        while (!properties.End)
        {
            var id = properties.ReadPropertyId(ref seen);
            switch (id)
            {
                case PropertyId.SessionExpiryInterval:
                    sessionExpiry = properties.ReadUInt32("session expiry interval");
                    break;
                case PropertyId.ReasonString:
                    reasonString = properties.ReadString("reason string");
                    break;
                case PropertyId.ServerReference:
                    serverReference = properties.ReadString("server reference");
                    break;
                case PropertyId.UserProperty:
                    ReadUserProperty(ref properties, ref userProperties);
                    break;
                default:
                    throw properties.PropertyNotAllowed(id);
            }
        }

        reader.ExpectEnd();
        return new DisconnectPacket
        {
            ReasonCode = reasonCode,
            SessionExpiryInterval = sessionExpiry,
            ReasonString = reasonString,
            ServerReference = serverReference,
            UserProperties = userProperties ?? [],
        };
    }

    private static ushort ReadPacketId(ref PacketReader reader)
    {
        var packetId = reader.ReadUInt16("packet identifier");
        if (packetId == 0)
        {
            throw MqttProtocolException.Malformed("packet identifier 0 is not allowed");
        }

        return packetId;
    }

    private static void ReadUserProperty(ref PacketReader properties, ref List<MqttUserProperty>? userProperties)
    {
        var name = properties.ReadString("user property name");
        var value = properties.ReadString("user property value");
        (userProperties ??= []).Add(new MqttUserProperty(name, value));
    }

    private static bool ReadBoolean(ref PacketReader properties, string field)
    {
        var value = properties.ReadByte(field);
        return value switch
        {
            0 => false,
            1 => true,
            _ => throw MqttProtocolException.ProtocolError($"{field} must be 0 or 1, got {value}"),
        };
    }
}
