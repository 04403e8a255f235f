using Orleans.Concurrency;
using WebKita.Grains.Common;

namespace WebKita.Grains.Tests.GroupCommits;

[Reentrant]
public sealed class SeatsGrain([PersistentState("seats", GrainStorage.Name)] IPersistentState<Seats> state) : Grain, ISeatsGrain
{
    private GroupCommit<Seats> _commit = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _commit = new GroupCommit<Seats>(state, DeactivateOnIdle);
        return Task.CompletedTask;
    }

    public Task<bool> OpenAsync(int capacity) =>
        _commit.DecideAsync(seats => seats.Capacity == capacity ? (seats, true) : (seats with { Capacity = capacity }, true));

    public Task<bool> TakeAsync(Guid holder) => _commit.DecideAsync(seats => seats.Take(holder));

    public Task<(int Holders, int Writes)> LiveAsync() => Task.FromResult((_commit.State.Holders.Count, _commit.Writes));
}
