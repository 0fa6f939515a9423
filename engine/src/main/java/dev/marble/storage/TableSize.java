package dev.marble.storage;

/**
 * One table's size, as {@link Database#tableSizes()} measures it.
 *
 * @param rows committed rows
 * @param bytes size of the files of the table's own store (shards, overflow values, shard
 *     directory); 0 in memory. File sizes, not allocated blocks: Chronicle Map files are sparse,
 *     so they may occupy less.
 * @param indexBytes the same for all of the table's indexes together
 */
public record TableSize(String schema, String table, long rows, long bytes, long indexBytes) {}
