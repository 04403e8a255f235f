using Microsoft.Extensions.Logging;

namespace WebKita.Grains.Common;

/// <summary>
/// The life of a grain whose state lists and the audit log read from a read model: decide with
/// the pure code, write the grain's state (with the audit notes of the change), publish both to
/// the read model, answer. The state write is the commit: a change is answered as done only when
/// it is durable, and what the read model has not confirmed stays in the state until it has
/// (at least once; exactly once, because the row's version tells whether a publish happened).
/// Not thread-safe: used from one grain's turns, which Orleans runs one at a time.
/// </summary>
public sealed partial class Publication<T>(
    IPersistentState<PublishedState<T>> state,
    IReadModel<T> readModel,
    TenantId tenant,
    Guid id,
    string subjectKind,
    Action deactivate,
    TimeProvider time,
    ILogger logger)
    where T : class
{
    public T? Current => state.State.Value;

    /// <summary>
    /// Before the first call of an activation: adopts the row the runtime before Orleans kept (its
    /// state is the same JSON), or finishes a publish the previous activation could not confirm.
    /// Runs before any new change, so no note decided later can be mistaken for a published one.
    /// </summary>
    public async Task ActivateAsync(CancellationToken cancellationToken)
    {
        if (!state.RecordExists)
        {
            if (await readModel.ReadAsync(tenant, id, cancellationToken) is { } row)
            {
                state.State = new PublishedState<T> { Value = row.Value, PublishedVersion = row.Version };
            }

            return;
        }

        if (!state.State.IsPublished)
        {
            await PublishAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Decides with <paramref name="decide"/> on the current state; a change is written, then
    /// published. Throws when the write fails (the change did not happen; the activation reloads).
    /// A failed publish does not fail the call: the change is durable and is published by the
    /// next activation.
    /// </summary>
    public async Task<Outcome<T>> ChangeAsync(Func<T?, Outcome<T>> decide, string action, ChangedBy? by, CancellationToken cancellationToken)
    {
        var before = state.State;
        var outcome = decide(before.Value);
        if (outcome.Value is not { } changed || ReferenceEquals(changed, before.Value))
        {
            return outcome;
        }

        var notes = by is null
            ? before.Unpublished
            : before.Unpublished.Add(new AuditNote(by.AccountId, by.Role, action, subjectKind, id, by.Reason, time.GetUtcNow()));
        state.State = new PublishedState<T> { Value = changed, PublishedVersion = before.PublishedVersion, Unpublished = notes, IsPublished = false };
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch
        {
            // A failed write or an ETag conflict: what this activation holds is no longer known to be
            // what is stored. Reload rather than decide on it again.
            state.State = before;
            deactivate();
            throw;
        }

        await PublishAsync(cancellationToken);
        return outcome;
    }

    private async Task PublishAsync(CancellationToken cancellationToken)
    {
        var current = state.State;
        try
        {
            var published = await readModel.PublishAsync(
                tenant, id, current.PublishedVersion, current.Value!, current.Unpublished, cancellationToken);
            if (!published)
            {
                // This grain is the row's only writer: a row one version ahead is the publish whose
                // answer was lost. Anything else is a bug or foreign write; do not overwrite it.
                var row = await readModel.ReadAsync(tenant, id, cancellationToken);
                if (row?.Version != current.PublishedVersion + 1)
                {
                    throw new InvalidOperationException(
                        $"The read-model row of {subjectKind} {tenant}/{id} is at version {row?.Version}; this grain published version {current.PublishedVersion}.");
                }
            }

            state.State = new PublishedState<T> { Value = current.Value, PublishedVersion = current.PublishedVersion + 1 };
            await state.WriteStateAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The change itself is durable; the next activation publishes it before anything else.
            Log.PublishFailed(logger, exception, subjectKind, tenant.Value, id);
            state.State = current;
            deactivate();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing {Kind} {Tenant}/{Id} to the read model failed; the next activation retries")]
        public static partial void PublishFailed(ILogger logger, Exception exception, string kind, string tenant, Guid id);
    }
}
