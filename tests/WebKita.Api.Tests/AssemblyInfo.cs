// Test classes run two at a time (one per core): run one by one, the machine stood idle 42 % of
// the time while apis started and PostgreSQL flushed. The rush, crash and outage tests measure
// and stress one machine's CPU and one PostgreSQL cluster; they run alone (AloneCollection).
[assembly: CollectionBehavior(MaxParallelThreads = 2)]
