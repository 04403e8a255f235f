namespace WebKita.Broker;

/// <summary>
/// The dynamic-security commands (mosquitto 2.0 plugin, <c>$CONTROL/dynamic-security/v1</c>) that
/// give a device its account. mosquitto 2.0.11 does not expand %u/%c in dynamic-security ACLs,
/// so each device gets a role of its own with literal topics.
/// </summary>
internal static class DynamicSecurityCommands
{
    public static string RoleName(string deviceId) => $"device-{deviceId}";

    public static object CreateRole(string deviceId)
    {
        var own = $"{DeviceTopics.Prefix}{deviceId}";
        return new
        {
            command = "createRole",
            rolename = RoleName(deviceId),
            textdescription = $"WebKITA device {deviceId}: publish under {own}/ except ack, read only {own}/ack",
            acls = new object[]
            {
                // Higher priority first: the ack topic is the gateway's, a device must not forge one.
                new { acltype = "publishClientSend", topic = $"{own}/ack", priority = 10, allow = false },
                new { acltype = "publishClientSend", topic = $"{own}/#", priority = 0, allow = true },
                new { acltype = "subscribeLiteral", topic = $"{own}/ack", priority = 0, allow = true },
                new { acltype = "publishClientReceive", topic = $"{own}/ack", priority = 0, allow = true },
            },
        };
    }

    /// <summary>The device's account: user name and client id are both the device id, so no device can take over another's session.</summary>
    public static object CreateClient(string deviceId, string password) => new
    {
        command = "createClient",
        username = deviceId,
        clientid = deviceId,
        password,
        textname = $"WebKITA device {deviceId}",
        roles = new[] { new { rolename = RoleName(deviceId), priority = 0 } },
    };

    public static object SetClientPassword(string deviceId, string password) => new { command = "setClientPassword", username = deviceId, password };

    public static object EnableClient(string deviceId) => new { command = "enableClient", username = deviceId };

    public static object DisableClient(string deviceId) => new { command = "disableClient", username = deviceId };
}
