using Microsoft.Extensions.Logging;
using WebKita.Silo.Devices;
using WebKita.Silo.Storage;

namespace WebKita.IotGateway.Ingestion;

/// <summary>
/// This gateway's hold on its MQTT session (<see cref="IngestionOptions.ClientId"/>): waits until
/// it holds the lease before connecting or reconnecting, renews it while connected, and releases
/// it on stop so a standby takes over at once. A gateway that was SIGKILLed is replaced once its
/// lease lapses (<see cref="IngestionOptions.SessionLease"/>).
/// </summary>
public sealed partial class GatewaySessionLease(SessionLeases leases, IngestionOptions options, TimeProvider time, ILogger<GatewaySessionLease> logger)
{
    private readonly string _holder = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    private TimeSpan Renewal => options.SessionLease / 3;

    /// <summary>Returns once this gateway holds the lease; stands by (and says so once) while another does.</summary>
    public async Task WaitUntilHeldAsync(CancellationToken cancellationToken)
    {
        var toldStandingBy = false;
        while (true)
        {
            try
            {
                var (held, lease) = await leases.TryHoldAsync(options.ClientId, _holder, options.SessionLease, cancellationToken);
                if (held)
                {
                    return;
                }

                if (!toldStandingBy)
                {
                    Log.StandingBy(logger, options.ClientId, lease.Holder, lease.ExpiresAt);
                    toldStandingBy = true;
                }
            }
            catch (StoreUnavailableException e)
            {
                Log.StoreUnavailable(logger, e.Message);
            }

            await Task.Delay(Renewal, time, cancellationToken);
        }
    }

    /// <summary>
    /// Renews the lease until cancelled. A lease lost (this process stalled longer than the lease)
    /// is only logged: the standby's connection takes the session from ours, and our reconnects
    /// wait in <see cref="WaitUntilHeldAsync"/>.
    /// </summary>
    public async Task KeepAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(Renewal, time, cancellationToken);
                try
                {
                    var (held, lease) = await leases.TryHoldAsync(options.ClientId, _holder, options.SessionLease, cancellationToken);
                    if (!held)
                    {
                        Log.Lost(logger, options.ClientId, lease.Holder);
                    }
                }
                catch (StoreUnavailableException e)
                {
                    Log.StoreUnavailable(logger, e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        try
        {
            await leases.ReleaseAsync(options.ClientId, _holder, cancellationToken);
        }
        catch (StoreUnavailableException e)
        {
            // The lease lapses on its own; the standby only waits longer.
            Log.StoreUnavailable(logger, e.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "standing by: session {ClientId} is held by {Holder} until {ExpiresAt:O}")]
        public static partial void StandingBy(ILogger logger, string clientId, string holder, DateTimeOffset expiresAt);

        [LoggerMessage(Level = LogLevel.Warning, Message = "session {ClientId} was taken over by {Holder}; reconnecting waits for the lease")]
        public static partial void Lost(ILogger logger, string clientId, string holder);

        [LoggerMessage(Level = LogLevel.Warning, Message = "session lease: store unavailable ({Error})")]
        public static partial void StoreUnavailable(ILogger logger, string error);
    }
}
