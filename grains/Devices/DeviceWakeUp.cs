namespace WebKita.Grains.Devices;

/// <summary>A durable reminder a device wants: <see cref="Device.SilenceCheck"/> or an alarm's escalation ("escalate:{type}").</summary>
public sealed record DeviceWakeUp(string Name, DateTimeOffset At);
