package dev.marble.storage;

/**
 * What a shard is built from, and what the shard directory file records for it: its id (naming
 * its file), the hash range it owns (the slots whose low {@code depth} bits equal {@code bits}),
 * and the sizes its Chronicle map was built for. Reopening a map needs the very same sizes.
 */
record ShardSpec(long id, int depth, long bits, long capacity, int avgKey, int avgValue) {}
