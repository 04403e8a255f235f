namespace WebKita.Silo.Devices;

/// <summary>What became of a device message. Either way its effect (or its dead letter) is committed before the gateway acknowledges it.</summary>
public abstract record DeviceMessageOutcome
{
    private DeviceMessageOutcome()
    {
    }

    /// <summary>The effect is committed (or was, for a repeat). <paramref name="Acknowledgement"/> is the JSON to publish on the device's <c>ack</c> topic, if any.</summary>
    public sealed record Accepted(string? Acknowledgement) : DeviceMessageOutcome;

    /// <summary>The message cannot take effect; it belongs in the dead-letter table with this reason.</summary>
    /// <param name="Tenant">The tenant of the device, when it is known, so the tenant's admins see the letter.</param>
    /// <param name="Reason">A stable reason code, e.g. <c>payload.invalid_json</c>, <c>device.unknown</c>.</param>
    public sealed record Refused(string? Tenant, string Reason, string Detail) : DeviceMessageOutcome;
}
