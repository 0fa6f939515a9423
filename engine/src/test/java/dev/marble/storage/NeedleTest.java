package dev.marble.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The skipping search finds exactly what a naive search finds. */
class NeedleTest {
  private static int naive(byte[] buf, int from, int to, byte[] needle) {
    outer:
    for (int i = from; i + needle.length <= to; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (buf[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Test
  void findsWhatANaiveSearchFinds() {
    Random random = new Random(7);
    for (int round = 0; round < 20_000; round++) {
      byte[] buf = new byte[random.nextInt(64)];
      for (int i = 0; i < buf.length; i++) {
        buf[i] = (byte) ("abc\u00ff".charAt(random.nextInt(4)));
      }
      byte[] needle = new byte[random.nextInt(5)];
      for (int i = 0; i < needle.length; i++) {
        needle[i] = (byte) ("abc\u00ff".charAt(random.nextInt(4)));
      }
      int from = buf.length == 0 ? 0 : random.nextInt(buf.length);
      int to = from + random.nextInt(buf.length - from + 1);
      assertEquals(naive(buf, from, to, needle), new Needle(needle).indexIn(buf, from, to),
          () -> java.util.Arrays.toString(buf) + " / " + java.util.Arrays.toString(needle));
    }
  }

  @Test
  void findsMultiByteText() {
    byte[] text = "ein Straßenbahn-Fahrplan für München".getBytes(StandardCharsets.UTF_8);
    assertEquals(4, new Needle("Straße".getBytes(StandardCharsets.UTF_8)).indexIn(text, 0, text.length));
    assertEquals(-1, new Needle("strasse".getBytes(StandardCharsets.UTF_8)).indexIn(text, 0, text.length));
  }
}
