using WebKita.Mqtt.Publishing;

namespace WebKita.Mqtt.Packets;

internal static partial class PacketDecoder
{
    private static PublishPacket DecodePublish(int flags, ReadOnlySpan<byte> body)
    {
        var qos = (MqttQualityOfService)((flags >> 1) & 0x03);
        var duplicate = (flags & 0x08) != 0;
        if ((int)qos == 3)
        {
            throw MqttProtocolException.Malformed("PUBLISH: QoS bits are 3");
        }

        if (duplicate && qos == MqttQualityOfService.AtMostOnce)
        {
            throw MqttProtocolException.Malformed("PUBLISH: DUP flag set on a QoS 0 message");
        }

        var reader = new PacketReader(body, "PUBLISH");
        var topic = reader.ReadString("topic name");
        if (topic.AsSpan().IndexOfAny('+', '#') >= 0)
        {
            throw new MqttProtocolException(MqttReasonCode.TopicNameInvalid, $"PUBLISH: topic name '{topic}' contains a wildcard");
        }

        var packetId = qos == MqttQualityOfService.AtMostOnce ? (ushort)0 : ReadPacketId(ref reader);
        var values = default(MessagePropertyValues);
        ushort? topicAlias = null;
        List<uint>? subscriptionIdentifiers = null;
        var properties = reader.ReadPropertyBlock();
        ulong seen = 0;
        while (!properties.End)
        {
            var id = properties.ReadPropertyId(ref seen);
            switch (id)
            {
                case PropertyId.TopicAlias:
                    topicAlias = properties.ReadUInt16("topic alias");
                    if (topicAlias == 0)
                    {
                        throw new MqttProtocolException(MqttReasonCode.TopicAliasInvalid, "PUBLISH: topic alias 0");
                    }

                    break;
                case PropertyId.SubscriptionIdentifier:
                    var subscriptionIdentifier = properties.ReadVariableByteInteger("subscription identifier");
                    if (subscriptionIdentifier == 0)
                    {
                        throw MqttProtocolException.ProtocolError("PUBLISH: subscription identifier 0");
                    }

                    (subscriptionIdentifiers ??= []).Add((uint)subscriptionIdentifier);
                    break;
                default:
                    if (!ReadMessageProperty(ref properties, id, ref values))
                    {
                        throw properties.PropertyNotAllowed(id);
                    }

                    break;
            }
        }

        if (topic.Length == 0 && topicAlias is null)
        {
            throw MqttProtocolException.ProtocolError("PUBLISH: empty topic name without a topic alias");
        }

        var message = values.ToMessage(topic, reader.ReadRest().ToArray(), qos, (flags & 0x01) != 0);
        return new PublishPacket
        {
            Message = message,
            PacketId = packetId,
            Duplicate = duplicate,
            TopicAlias = topicAlias,
            SubscriptionIdentifiers = subscriptionIdentifiers ?? [],
        };
    }

    /// <summary>The properties a PUBLISH and a will message share (§3.3.2.3, §3.1.3.2).</summary>
    private static bool ReadMessageProperty(ref PacketReader properties, PropertyId id, ref MessagePropertyValues values)
    {
        switch (id)
        {
            case PropertyId.PayloadFormatIndicator:
                values.PayloadIsUtf8 = ReadBoolean(ref properties, "payload format indicator");
                return true;
            case PropertyId.MessageExpiryInterval:
                values.MessageExpiryInterval = properties.ReadUInt32("message expiry interval");
                return true;
            case PropertyId.ContentType:
                values.ContentType = properties.ReadString("content type");
                return true;
            case PropertyId.ResponseTopic:
                values.ResponseTopic = properties.ReadString("response topic");
                return true;
            case PropertyId.CorrelationData:
                values.CorrelationData = properties.ReadBinary("correlation data");
                return true;
            case PropertyId.UserProperty:
                ReadUserProperty(ref properties, ref values.UserProperties);
                return true;
            default:
                return false;
        }
    }

    private struct MessagePropertyValues
    {
        public bool PayloadIsUtf8;
        public uint? MessageExpiryInterval;
        public string? ContentType;
        public string? ResponseTopic;
        public byte[]? CorrelationData;
        public List<MqttUserProperty>? UserProperties;

        public readonly MqttApplicationMessage ToMessage(string topic, byte[] payload, MqttQualityOfService qos, bool retain) => new()
        {
            Topic = topic,
            Payload = payload,
            QualityOfService = qos,
            Retain = retain,
            PayloadIsUtf8 = PayloadIsUtf8,
            MessageExpiryInterval = MessageExpiryInterval,
            ContentType = ContentType,
            ResponseTopic = ResponseTopic,
            CorrelationData = CorrelationData,
            UserProperties = UserProperties ?? (IReadOnlyList<MqttUserProperty>)[],
        };
    }
}
