package dev.marble.storage.catalog;

import java.util.List;

/** A view: its query as SQL text and optional column names. */
public record ViewDef(String name, String sql, List<String> columnNames, String comment) {}
