package dev.marble.storage.catalog;

/** What a grant allows on a table or view (or on every one of a schema). */
public enum Privilege {
  SELECT,
  INSERT,
  UPDATE,
  DELETE
}
