package dev.marble.storage;

import dev.marble.storage.catalog.SequenceDef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Current values of every sequence (user sequences, identity columns, hidden row ids).
 *
 * <p>Values are handed out from blocks reserved on disk ({@code sequences.properties}, rewritten
 * crash-safely per block, not per value). After a crash the unused rest of a block is skipped, so a
 * sequence may have gaps but never repeats a value; a clean close records the exact next values,
 * so there are no gaps across ordinary restarts.
 */
public final class SequenceStore {
  static final String FILE_NAME = "sequences.properties";
  private static final int BLOCK = 64;

  private final Path file;
  /** Next value to hand out, per sequence key. */
  private final Map<String, Long> next = new HashMap<>();
  /** First value not covered by the block reserved on disk, per sequence key. */
  private final Map<String, Long> reservedEnd = new HashMap<>();

  private SequenceStore(Path file) {
    this.file = file;
  }

  /** Opens the store of a database directory, or an in-memory store when {@code dir} is null. */
  static SequenceStore open(Path dir) {
    SequenceStore store = new SequenceStore(dir == null ? null : dir.resolve(FILE_NAME));
    if (store.file != null && Files.exists(store.file)) {
      Properties p = new Properties();
      try {
        p.load(new java.io.StringReader(new String(AtomicFiles.read(store.file), StandardCharsets.UTF_8)));
      } catch (java.io.IOException e) {
        throw new StorageException(StorageException.Code.CORRUPTED, "Cannot read " + store.file, e);
      }
      for (String key : p.stringPropertyNames()) {
        long end = Long.parseLong(p.getProperty(key));
        store.next.put(key, end);
        store.reservedEnd.put(key, end);
      }
    }
    return store;
  }

  public static String key(String schema, String name) {
    return schema + "." + name;
  }

  /** Starts (or restarts) a sequence at its start value. */
  public synchronized void reset(String key, long start) {
    next.put(key, start);
    reservedEnd.put(key, start);
    persist();
  }

  public synchronized void drop(String key) {
    next.remove(key);
    reservedEnd.remove(key);
    persist();
  }

  /** The current value last handed out is unknown here; this is the value the next call returns. */
  public synchronized long peek(String key, SequenceDef def) {
    return next.getOrDefault(key, def.start());
  }

  public synchronized long next(String key, SequenceDef def) {
    long value = next.getOrDefault(key, def.start());
    if (value > def.max() || value < def.min()) {
      if (!def.cycle()) {
        throw new StorageException(StorageException.Code.SEQUENCE_EXHAUSTED,
            "Sequence " + key + " has no more values (limit " + (def.increment() > 0 ? def.max() : def.min())
                + ", NO CYCLE)");
      }
      value = def.increment() > 0 ? def.min() : def.max();
      reservedEnd.put(key, value);
    }
    long following = value + def.increment();
    next.put(key, following);
    long end = reservedEnd.getOrDefault(key, value);
    boolean covered = def.increment() > 0 ? following <= end : following >= end;
    if (!covered) {
      reservedEnd.put(key, value + def.increment() * BLOCK);
      persist();
    }
    return value;
  }

  /**
   * Makes sure the next value handed out is beyond {@code used} (after explicit identity inserts).
   * Like {@link #next}, it reserves a block ahead, so a run of explicit values writes the file once
   * per block, not once per row.
   */
  public synchronized void advancePast(String key, SequenceDef def, long used) {
    long current = next.getOrDefault(key, def.start());
    boolean behind = def.increment() > 0 ? current <= used : current >= used;
    if (behind) {
      long following = used + def.increment();
      next.put(key, following);
      long end = reservedEnd.getOrDefault(key, following);
      boolean covered = def.increment() > 0 ? following <= end : following >= end;
      if (!covered) {
        reservedEnd.put(key, following + def.increment() * BLOCK);
        persist();
      }
    }
  }

  /** Records the exact next values (called on a clean close): the unused blocks are given back. */
  synchronized void close() {
    reservedEnd.putAll(next);
    persist();
  }

  private void persist() {
    if (file == null) {
      return;
    }
    Properties p = new Properties();
    reservedEnd.forEach((k, v) -> p.setProperty(k, Long.toString(v)));
    java.io.StringWriter text = new java.io.StringWriter();
    try {
      p.store(text, "Marble sequence blocks: first value not yet reserved");
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e); // a StringWriter does not fail
    }
    AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
  }
}
