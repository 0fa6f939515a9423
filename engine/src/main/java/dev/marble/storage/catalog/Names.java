package dev.marble.storage.catalog;

import java.util.Map;

/**
 * Name lookup rule of the catalog: an exact match wins; otherwise a case-insensitive match, so
 * {@code orders}, {@code ORDERS} and {@code "Orders"} find one table when only one of them exists.
 */
public final class Names {
  private Names() {}

  public static <V> V find(Map<String, V> map, String name) {
    V exact = map.get(name);
    if (exact != null) {
      return exact;
    }
    for (Map.Entry<String, V> e : map.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }
}
