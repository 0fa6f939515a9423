package dev.marble.storage;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The open databases of this JVM. Every connection to the same directory (or the same {@code mem:}
 * name) shares one {@link Database}; the last release closes it, and an in-memory database is gone
 * with it.
 */
public final class DatabaseRegistry {
  private static final Map<String, Entry> OPEN = new HashMap<>();

  private DatabaseRegistry() {}

  private static final class Entry {
    final Database database;
    int users;
    /** A {@code keep_open} connection has counted the JVM itself as one more user, once. */
    boolean pinned;

    Entry(Database database) {
      this.database = database;
    }
  }

  /**
   * The database in {@code dir}, opened if no connection of this JVM has it open. {@code sync}
   * applies when this call opens it; later connections share the first one's setting.
   */
  public static synchronized Database acquire(Path dir, boolean create, RedoLog.Sync sync) {
    String key = dir.toAbsolutePath().normalize().toString();
    Entry e = OPEN.get(key);
    if (e == null) {
      e = new Entry(Database.open(dir, create, sync));
      OPEN.put(key, e);
    }
    e.users++;
    return e.database;
  }

  /**
   * The in-memory database {@code name}. With {@code keepOpen} it is never released again: it
   * stays until the JVM exits, whoever closes their connections.
   */
  public static synchronized Database acquireInMemory(String name, boolean keepOpen) {
    String key = "mem:" + name;
    Entry e = OPEN.computeIfAbsent(key, k -> new Entry(Database.inMemory(name)));
    if (keepOpen && !e.pinned) {
      e.pinned = true;
      e.users++;
    }
    e.users++;
    return e.database;
  }

  /** Gives a database back; the last user closes it. Returns whether it was the last. */
  public static synchronized boolean release(Database database) {
    String key = database.name();
    Entry e = OPEN.get(key);
    if (e == null || e.database != database) {
      return false;
    }
    if (--e.users == 0) {
      OPEN.remove(key);
      database.close();
      return true;
    }
    return false;
  }
}
