using MQTTnet;

namespace WebKita.Mqtt;

/// <summary>Reading MQTTnet's results the way our callers ask: did the broker grant it?</summary>
public static class MqttResults
{
    /// <summary>Every requested subscription was granted (a QoS, not a failure code).</summary>
    public static bool IsGranted(this MqttClientSubscribeResult result) =>
        result.Items.All(item => item.ResultCode <= MqttClientSubscribeResultCode.GrantedQoS2);

    public static bool IsSuccess(this MqttClientConnectResult result) => result.ResultCode == MqttClientConnectResultCode.Success;
}
