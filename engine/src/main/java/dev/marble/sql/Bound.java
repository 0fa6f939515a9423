package dev.marble.sql;

/**
 * A statement with its parameter values: what {@link SqlEngine#prepareOneOff} returns for a plain
 * (unprepared) statement. Literals lifted out of the text come back as {@code parameters}, in
 * the engine's runtime representation; a statement that kept its literals has none.
 */
public record Bound(Prepared prepared, Object[] parameters) {}
