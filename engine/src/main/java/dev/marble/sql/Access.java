package dev.marble.sql;

import dev.marble.storage.catalog.Privilege;

/** A privilege a statement needs on one table or view, found when it is planned, checked when it runs. */
record Access(String schema, String table, Privilege privilege) {}
