// Silos measure their start time and share two cores with PostgreSQL: one class at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
