package dev.marble.storage.catalog;

/**
 * A sequence's definition. Its current value is not here: it changes far more often than the
 * catalog and lives in the database's sequence store.
 *
 * @param internal backs an identity column or a table's hidden row id; not listed to users
 */
public record SequenceDef(
    String name, long start, long increment, long min, long max, boolean cycle, boolean internal) {}
