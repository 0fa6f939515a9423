package dev.marble.storage.catalog;

/**
 * An identity column draws its values from a sequence of the same schema.
 *
 * @param always GENERATED ALWAYS: explicit values are rejected
 * @param sequence name of the backing sequence (internal, not listed as a user sequence)
 */
public record IdentityDef(boolean always, String sequence) {}
