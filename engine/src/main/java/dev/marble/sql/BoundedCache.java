package dev.marble.sql;

import java.util.LinkedHashMap;
import java.util.Map;

/** A thread-safe map that forgets its least recently used entry beyond {@code capacity} entries. */
final class BoundedCache<V> {
  private final Map<String, V> map;

  BoundedCache(int capacity) {
    map = new LinkedHashMap<>(64, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > capacity;
      }
    };
  }

  synchronized V get(String key) {
    return map.get(key);
  }

  synchronized void put(String key, V value) {
    map.put(key, value);
  }
}
