package dev.marble.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void writesReplacesAndReads() throws Exception {
    Path f = dir.resolve("catalog.json");
    AtomicFiles.write(f, "one".getBytes(StandardCharsets.UTF_8));
    assertEquals("one", new String(AtomicFiles.read(f), StandardCharsets.UTF_8));
    AtomicFiles.write(f, "two, longer".getBytes(StandardCharsets.UTF_8));
    assertEquals("two, longer", new String(AtomicFiles.read(f), StandardCharsets.UTF_8));
    AtomicFiles.write(f, new byte[0]);
    assertArrayEquals(new byte[0], AtomicFiles.read(f));
    assertFalse(Files.exists(dir.resolve("catalog.json.tmp")), "no temp file left");
    try (var list = Files.list(dir)) {
      assertEquals(1, list.count());
    }
  }

  @Test
  void aStaleTempFileDoesNotMatter() throws Exception {
    Path f = dir.resolve("x.dat");
    Files.write(dir.resolve("x.dat.tmp"), new byte[1000]);
    AtomicFiles.write(f, new byte[] {1, 2, 3});
    assertArrayEquals(new byte[] {1, 2, 3}, AtomicFiles.read(f));
  }

  @Test
  void errorsNameTheFile() {
    Path missing = dir.resolve("nope.json");
    StorageException e = assertThrows(StorageException.class, () -> AtomicFiles.read(missing));
    assertEquals(StorageException.Code.NOT_FOUND, e.code());
    assertTrue(e.getMessage().contains("nope.json"));
    Path inMissingDir = dir.resolve("no-such-dir").resolve("f.json");
    StorageException w = assertThrows(StorageException.class, () -> AtomicFiles.write(inMissingDir, new byte[1]));
    assertEquals(StorageException.Code.IO_ERROR, w.code());
    assertTrue(w.getMessage().contains("f.json"), w.getMessage());
    StorageException d = assertThrows(StorageException.class, () -> AtomicFiles.read(dir));
    assertEquals(StorageException.Code.IO_ERROR, d.code());
  }
}
