// One browser and one api per test class already keep two cores busy; classes run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
