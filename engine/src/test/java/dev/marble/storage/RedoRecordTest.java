package dev.marble.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RedoRecordTest {
  private static byte[] bytes(int... b) {
    byte[] out = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = (byte) b[i];
    }
    return out;
  }

  private static List<RedoRecord.Op> sample() {
    return List.of(
        RedoRecord.Op.put(7, bytes(1, 2, 3), bytes(9, 8, 7, 6)),
        RedoRecord.Op.delete(7, bytes(4)),
        RedoRecord.Op.put(Long.MAX_VALUE, new byte[0], new byte[0]),
        RedoRecord.Op.put(-1, bytes(0xFF), bytes(0x80, 0x7F)),
        RedoRecord.Op.delete(0, new byte[300]),
        RedoRecord.Op.put(128, new byte[200], new byte[16_384]));
  }

  @Test
  void roundTrip() {
    List<RedoRecord.Op> ops = sample();
    List<RedoRecord.Op> back = RedoRecord.decode(RedoRecord.encode(ops));
    assertEquals(ops, back);
    for (int i = 0; i < ops.size(); i++) {
      assertEquals(ops.get(i).storeId(), back.get(i).storeId());
      assertEquals(ops.get(i).put(), back.get(i).put());
      assertArrayEquals(ops.get(i).key(), back.get(i).key());
      assertArrayEquals(ops.get(i).value(), back.get(i).value());
    }
  }

  @Test
  void compact() {
    // format, count, store id, kind, key length, key, value length, value
    byte[] p = RedoRecord.encode(List.of(RedoRecord.Op.put(5, bytes(1), bytes(2))));
    assertArrayEquals(bytes(1, 1, 5, 1, 1, 1, 1, 2), p);
  }

  @Test
  void emptyOpList() {
    byte[] p = RedoRecord.encode(List.of());
    assertEquals(2, p.length);
    assertEquals(List.of(), RedoRecord.decode(p));
  }

  @Test
  void largeValues() {
    byte[] big = new byte[1 << 20];
    new Random(42).nextBytes(big);
    List<RedoRecord.Op> ops = List.of(RedoRecord.Op.put(3, bytes(1), big), RedoRecord.Op.put(4, big, big.clone()));
    byte[] p = RedoRecord.encode(ops);
    List<RedoRecord.Op> back = RedoRecord.decode(p);
    assertEquals(ops, back);
    assertArrayEquals(big, back.get(0).value());
  }

  @Test
  void decodedArraysAreFresh() {
    byte[] p = RedoRecord.encode(List.of(RedoRecord.Op.put(1, bytes(1, 2), bytes(3, 4))));
    List<RedoRecord.Op> back = RedoRecord.decode(p);
    back.get(0).key()[0] = 99;
    assertEquals(List.of(RedoRecord.Op.put(1, bytes(1, 2), bytes(3, 4))), RedoRecord.decode(p));
  }

  @Test
  void opsAreChecked() {
    assertThrows(IllegalArgumentException.class, () -> new RedoRecord.Op(1, true, bytes(1), null));
    assertThrows(IllegalArgumentException.class, () -> new RedoRecord.Op(1, false, bytes(1), bytes(2)));
    assertThrows(NullPointerException.class, () -> new RedoRecord.Op(1, false, null, null));
  }

  private static void assertCorrupted(byte[] payload) {
    StorageException e = assertThrows(StorageException.class, () -> RedoRecord.decode(payload),
        () -> "decoding " + Arrays.toString(payload));
    assertEquals(StorageException.Code.CORRUPTED, e.code(), e.getMessage());
    assertTrue(e.getMessage().startsWith("Malformed redo record"), e.getMessage());
  }

  @Test
  void everyTruncationIsCorrupted() {
    byte[] p = RedoRecord.encode(sample());
    for (int len = 0; len < p.length; len++) {
      assertCorrupted(Arrays.copyOf(p, len));
    }
  }

  @Test
  void malformedInput() {
    assertCorrupted(new byte[0]);
    assertCorrupted(bytes(2, 0)); // unknown format
    assertCorrupted(bytes(1, 0, 0)); // trailing byte
    assertCorrupted(bytes(1, 1, 5, 2, 1, 1)); // unknown kind
    assertCorrupted(bytes(1, 1, 5, 0, 5, 1)); // key runs past the end
    assertCorrupted(bytes(1, 1, 5, 1, 1, 1, 9, 2)); // value runs past the end
    // a count of 2^63 and more (negative as a long)
    assertCorrupted(bytes(1, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01));
    assertCorrupted(bytes(1, 0xFF, 0xFF, 0xFF, 0x7F)); // a huge count
    assertCorrupted(bytes(1, 1, 5, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F)); // a key length of 4 G
    // a varint of 11 bytes, and one overflowing 64 bits
    assertCorrupted(bytes(1, 1, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00, 0, 0));
    assertCorrupted(bytes(1, 1, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02, 0, 0));
  }

  @Test
  void randomBytesDecodeOrFailCorrupted() {
    Random r = new Random(7);
    byte[] valid = RedoRecord.encode(sample());
    for (int i = 0; i < 20_000; i++) {
      byte[] p;
      if (i % 2 == 0) {
        p = new byte[r.nextInt(40)];
        r.nextBytes(p);
        if (p.length > 0 && r.nextBoolean()) {
          p[0] = 1; // the right format byte, so decoding gets further
        }
      } else {
        p = valid.clone();
        p[r.nextInt(p.length)] ^= (byte) (1 + r.nextInt(255));
      }
      try {
        List<RedoRecord.Op> ops = RedoRecord.decode(p);
        assertEquals(ops, RedoRecord.decode(RedoRecord.encode(ops)));
      } catch (StorageException e) {
        assertEquals(StorageException.Code.CORRUPTED, e.code());
      }
    }
  }

  @Test
  void manyOps() {
    List<RedoRecord.Op> ops = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      ops.add(i % 3 == 0 ? RedoRecord.Op.delete(i, bytes(i, i >> 8)) : RedoRecord.Op.put(i, bytes(i), bytes(i, i, i)));
    }
    assertEquals(ops, RedoRecord.decode(RedoRecord.encode(ops)));
  }
}
