// The rush, crash and outage tests measure and stress one machine's CPU and one PostgreSQL
// cluster; run alone, their figures mean something and their timeouts stay far away.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
