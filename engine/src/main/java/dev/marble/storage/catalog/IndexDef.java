package dev.marble.storage.catalog;

import java.util.List;

/**
 * A secondary index. Its entries live in their own store under {@code indexes/<id>/}.
 *
 * @param constraint name of the UNIQUE constraint this index enforces, or null
 */
public record IndexDef(
    long id, String name, boolean unique, List<Integer> columns, List<Boolean> descending, String constraint) {}
