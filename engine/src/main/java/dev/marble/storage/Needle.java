package dev.marble.storage;

/**
 * A byte string to find inside stored values, with its Boyer-Moore-Horspool shift table: a
 * mismatch moves on by up to the needle's length instead of by one byte, so a search for a word
 * in text touches a fraction of the bytes. Immutable; build one per search, not per row.
 */
public final class Needle {
  private final byte[] bytes;
  private final int[] shift = new int[256];

  public Needle(byte[] bytes) {
    this.bytes = bytes.clone();
    java.util.Arrays.fill(shift, bytes.length);
    for (int i = 0; i < bytes.length - 1; i++) {
      shift[bytes[i] & 0xFF] = bytes.length - 1 - i;
    }
  }

  /** First position of the needle in {@code buf[from, to)}, or -1. */
  public int indexIn(byte[] buf, int from, int to) {
    int n = bytes.length;
    if (n == 0) {
      return from;
    }
    byte last = bytes[n - 1];
    for (int i = from + n - 1; i < to; ) {
      byte b = buf[i];
      if (b == last && java.util.Arrays.equals(buf, i - n + 1, i, bytes, 0, n - 1)) {
        return i - n + 1;
      }
      i += shift[b & 0xFF];
    }
    return -1;
  }
}
