// Every test starts a broker, and some start gateway processes: on two cores they run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
