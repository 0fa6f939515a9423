package dev.marble.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ByteKeyTest {
  private static final boolean[] ASCENDING = {false};

  /** Distinct hash codes among the keys of 0..n-1 encoded as {@code type}. */
  private static int distinctHashes(ColumnType type, int n) {
    Set<Integer> hashes = new HashSet<>();
    for (int i = 0; i < n; i++) {
      Object value = type == ColumnType.BIGINT ? (Object) (long) i : (Object) i;
      hashes.add(new ByteKey(KeyCodec.encode(new ColumnType[] {type}, ASCENDING, new Object[] {value})).hashCode());
    }
    return hashes.size();
  }

  @Test
  void consecutiveIntegerKeysHashApart() {
    int n = 200_000;
    assertTrue(distinctHashes(ColumnType.INTEGER, n) > n * 0.999, "INTEGER keys collide");
    assertTrue(distinctHashes(ColumnType.BIGINT, n) > n * 0.999, "BIGINT keys collide");
  }

  @Test
  void equalBytesAreEqualKeysAndOrderIsUnsigned() {
    ByteKey a = new ByteKey(new byte[] {1, 2, 3});
    assertEquals(a, new ByteKey(new byte[] {1, 2, 3}));
    assertEquals(a.hashCode(), new ByteKey(new byte[] {1, 2, 3}).hashCode());
    assertNotEquals(a, new ByteKey(new byte[] {1, 2}));
    assertTrue(new ByteKey(new byte[] {(byte) 0x80}).compareTo(new ByteKey(new byte[] {0x7f})) > 0);
  }
}
