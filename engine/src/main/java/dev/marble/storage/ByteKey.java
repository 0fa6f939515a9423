package dev.marble.storage;

import java.util.Arrays;

/** A byte[] usable as a hash-map key; ordered by unsigned bytes like {@link KeyCodec#compare}. */
public record ByteKey(byte[] bytes) implements Comparable<ByteKey> {
  @Override
  public boolean equals(Object o) {
    return o instanceof ByteKey k && Arrays.equals(bytes, k.bytes);
  }

  /**
   * Not {@link Arrays#hashCode(byte[])}: that base-31 polynomial gave KeyCodec's encodings of a
   * million consecutive INTEGER keys only 21,615 distinct hashes, so transaction write sets and the
   * lock table (HashMaps keyed by ByteKey) degraded into tree bins on every bulk write. A 64-bit
   * multiplicative hash folded to 32 bits keeps nearly all of them apart.
   */
  @Override
  public int hashCode() {
    long h = bytes.length;
    for (byte b : bytes) {
      h = (h + (b & 0xff)) * 0x9E3779B97F4A7C15L;
    }
    return (int) (h ^ (h >>> 32));
  }

  @Override
  public int compareTo(ByteKey o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public String toString() {
    return java.util.HexFormat.of().formatHex(bytes);
  }
}
