package dev.marble.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Crash-safe small files: after a crash a file holds either its old or its new content, never a
 * mix. Writers of the same file must not run concurrently (callers serialise them).
 */
public final class AtomicFiles {
  private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase().startsWith("windows");

  private AtomicFiles() {}

  /**
   * Replaces {@code file} with {@code content}: writes {@code <file>.tmp} in the same directory,
   * fsyncs it, renames it over {@code file} atomically and fsyncs the directory.
   *
   * @throws StorageException IO_ERROR naming the file
   */
  public static void write(Path file, byte[] content) {
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buf = ByteBuffer.wrap(content);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("the file system cannot rename atomically", e);
      }
      syncDirectory(dir);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // the temp file is rewritten by the next write
      }
      throw new StorageException(StorageException.Code.IO_ERROR,
          "Cannot write " + file + ": " + describe(e), e);
    }
  }

  /**
   * The whole content of {@code file}.
   *
   * @throws StorageException NOT_FOUND when the file does not exist, IO_ERROR otherwise
   */
  public static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new StorageException(StorageException.Code.NOT_FOUND, "File " + file + " does not exist", e);
    } catch (IOException e) {
      throw new StorageException(StorageException.Code.IO_ERROR, "Cannot read " + file + ": " + describe(e), e);
    }
  }

  /**
   * Fsyncs a directory so that renames and deletions in it survive a power loss. A no-op where
   * the platform cannot open directories (Windows).
   */
  static void syncDirectory(Path dir) throws IOException {
    if (WINDOWS || dir == null) {
      return;
    }
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  static String describe(IOException e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }
}
