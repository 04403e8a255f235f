using WebKita.Mqtt.Subscribing;

namespace WebKita.Mqtt.Packets;

internal static partial class PacketDecoder
{
    private static SubscribePacket DecodeSubscribe(ReadOnlySpan<byte> body)
    {
        var reader = new PacketReader(body, "SUBSCRIBE");
        var packetId = ReadPacketId(ref reader);
        uint? subscriptionIdentifier = null;
        List<MqttUserProperty>? userProperties = null;
        var properties = reader.ReadPropertyBlock();
        ulong seen = 0;
        while (!properties.End)
        {
            var id = properties.ReadPropertyId(ref seen);
            switch (id)
            {
                case PropertyId.SubscriptionIdentifier when subscriptionIdentifier is null:
                    var value = properties.ReadVariableByteInteger("subscription identifier");
                    subscriptionIdentifier = value == 0
                        ? throw MqttProtocolException.ProtocolError("SUBSCRIBE: subscription identifier 0")
                        : (uint)value;
                    break;
                case PropertyId.SubscriptionIdentifier:
                    throw MqttProtocolException.ProtocolError("SUBSCRIBE: property SubscriptionIdentifier appears more than once");
                case PropertyId.UserProperty:
                    ReadUserProperty(ref properties, ref userProperties);
                    break;
                default:
                    throw properties.PropertyNotAllowed(id);
            }
        }

        var subscriptions = new List<MqttTopicSubscription>();
        while (!reader.End)
        {
            var filter = reader.ReadString("topic filter");
            var options = reader.ReadByte("subscription options");
            if ((options & 0xC0) != 0 || (options & 0x03) == 3 || ((options >> 4) & 0x03) == 3)
            {
                throw MqttProtocolException.Malformed($"SUBSCRIBE: invalid subscription options 0x{options:X2}");
            }

            subscriptions.Add(new MqttTopicSubscription(
                filter,
                (MqttQualityOfService)(options & 0x03),
                (options & 0x04) != 0,
                (options & 0x08) != 0,
                (MqttRetainHandling)((options >> 4) & 0x03)));
        }

        if (subscriptions.Count == 0)
        {
            throw MqttProtocolException.ProtocolError("SUBSCRIBE without topic filters");
        }

        return new SubscribePacket
        {
            PacketId = packetId,
            SubscriptionIdentifier = subscriptionIdentifier,
            UserProperties = userProperties ?? [],
            Subscriptions = subscriptions,
        };
    }

    private static SubAckPacket DecodeSubAck(MqttPacketType kind, ReadOnlySpan<byte> body)
    {
        var reader = new PacketReader(body, kind.ToString().ToUpperInvariant());
        var packetId = ReadPacketId(ref reader);
        var (reasonString, userProperties) = ReadAcknowledgementProperties(ref reader);

        var codes = reader.ReadRest();
        if (codes.IsEmpty)
        {
            throw MqttProtocolException.ProtocolError($"{kind} without reason codes");
        }

        var reasonCodes = new MqttReasonCode[codes.Length];
        for (var i = 0; i < codes.Length; i++)
        {
            reasonCodes[i] = (MqttReasonCode)codes[i];
        }

        return new SubAckPacket(kind, packetId, reasonCodes)
        {
            ReasonString = reasonString,
            UserProperties = userProperties ?? [],
        };
    }

    private static UnsubscribePacket DecodeUnsubscribe(ReadOnlySpan<byte> body)
    {
        var reader = new PacketReader(body, "UNSUBSCRIBE");
        var packetId = ReadPacketId(ref reader);
        List<MqttUserProperty>? userProperties = null;
        var properties = reader.ReadPropertyBlock();
        ulong seen = 0;
        while (!properties.End)
        {
            var id = properties.ReadPropertyId(ref seen);
            if (id != PropertyId.UserProperty)
            {
                throw properties.PropertyNotAllowed(id);
            }

            ReadUserProperty(ref properties, ref userProperties);
        }

        var filters = new List<string>();
        while (!reader.End)
        {
            filters.Add(reader.ReadString("topic filter"));
        }

        if (filters.Count == 0)
        {
            throw MqttProtocolException.ProtocolError("UNSUBSCRIBE without topic filters");
        }

        return new UnsubscribePacket { PacketId = packetId, UserProperties = userProperties ?? [], TopicFilters = filters };
    }
}
