namespace WebKita.Broker;

/// <summary>
/// The dynamic-security commands (mosquitto 2.0 plugin, <c>$CONTROL/dynamic-security/v1</c>) that
/// give a device its account. mosquitto 2.0.11 does not expand %u/%c in dynamic-security ACLs,
/// so each device gets a role of its own with literal topics.
/// </summary>
internal static class DynamicSecurityCommands
{
    public static string RoleName(string deviceId) => $"device-{deviceId}";

    /// <summary>
    /// Exactly the documented topics: publish on report, telemetry and status, read only the ack.
    /// Everything else falls to the default deny, so the broker answers 0x87 Not authorized: a
    /// device is never told "accepted" for a topic no gateway reads (with a wildcard grant such a
    /// publish got 0x00 or 0x10 and was gone).
    /// </summary>
    public static object CreateRole(string deviceId) => new
    {
        command = "createRole",
        rolename = RoleName(deviceId),
        textdescription = $"WebKITA device {deviceId}: publish on {DeviceTopics.Prefix}{deviceId}/report|telemetry|status, read only its ack",
        acls = DeviceAcls(deviceId).ToArray(),
    };

    /// <summary>The grants of a device's role, one object per ACL (the shape createRole and addRoleACL take).</summary>
    public static IEnumerable<object> DeviceAcls(string deviceId) =>
        DeviceTopics.DeviceChannels.Select(channel => (object)new { acltype = "publishClientSend", topic = DeviceTopics.Channel(deviceId, channel), priority = 0, allow = true })
            .Append(new { acltype = "subscribeLiteral", topic = DeviceTopics.Ack(deviceId), priority = 0, allow = true })
            .Append(new { acltype = "publishClientReceive", topic = DeviceTopics.Ack(deviceId), priority = 0, allow = true });

    /// <summary>Brings a role made before the grants were exact up to date: adds the exact grants, removes the old wildcard and the ack denial it needed.</summary>
    public static IEnumerable<object> UpdateRole(string deviceId) =>
        DeviceAcls(deviceId).Select(acl => (object)WithCommand(acl, "addRoleACL", deviceId))
            .Append(new { command = "removeRoleACL", rolename = RoleName(deviceId), acltype = "publishClientSend", topic = $"{DeviceTopics.Prefix}{deviceId}/#" })
            .Append(new { command = "removeRoleACL", rolename = RoleName(deviceId), acltype = "publishClientSend", topic = DeviceTopics.Ack(deviceId) });

    private static Dictionary<string, object?> WithCommand(object acl, string command, string deviceId)
    {
        var fields = System.Text.Json.JsonSerializer.SerializeToElement(acl).EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
        fields["command"] = command;
        fields["rolename"] = RoleName(deviceId);
        return fields;
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
