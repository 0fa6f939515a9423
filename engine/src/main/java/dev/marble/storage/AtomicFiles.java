package dev.marble.storage;

import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.ClosedByInterruptException;
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
 *
 * <p>Interrupts: file contents are written, forced and read through streams and {@link
 * java.io.FileDescriptor#sync}, which an interrupt does not abort (a {@code FileChannel} would be
 * closed by it). Only a directory fsync needs a channel; {@link #syncDirectory} shields it. A
 * caller's interrupt status is left as it was.
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
      writeAndSync(tmp, content);
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
      return readAll(file);
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
    // Java can open a directory only as a channel, which an interrupt closes (failing the force).
    // The interrupt is held back and re-set afterwards; should one still arrive during the force,
    // it is redone on a helper thread that nobody interrupts.
    boolean interrupted = Thread.interrupted();
    try {
      forceDirectory(dir);
    } catch (ClosedByInterruptException e) {
      interrupted = true;
      forceDirectoryOnHelper(dir);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void forceDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  private static void forceDirectoryOnHelper(Path dir) throws IOException {
    IOException[] error = new IOException[1];
    RuntimeException[] unexpected = new RuntimeException[1];
    Thread helper = new Thread(() -> {
      try {
        forceDirectory(dir);
      } catch (IOException e) {
        error[0] = e;
      } catch (RuntimeException e) {
        unexpected[0] = e;
      }
    }, "marble-directory-sync");
    helper.setDaemon(true);
    helper.start();
    boolean done = false;
    while (!done) {
      try {
        helper.join(); // join's happens-before makes error[] visible
        done = true;
      } catch (InterruptedException e) {
        // the caller's status is re-set by syncDirectory
      }
    }
    if (error[0] != null) {
      throw error[0];
    }
    if (unexpected[0] != null) {
      throw unexpected[0];
    }
  }

  /**
   * Creates or replaces {@code file} with {@code content} and fsyncs it, without a channel (so an
   * interrupt cannot abort it).
   */
  static void writeAndSync(Path file, byte[] content) throws IOException {
    try (FileOutputStream out = new FileOutputStream(file.toFile())) {
      out.write(content);
      out.getFD().sync();
    } catch (FileNotFoundException e) {
      throw asNoSuchFile(file, e);
    }
  }

  /**
   * The whole content of {@code file}, read without a channel (so an interrupt cannot abort it).
   *
   * @throws NoSuchFileException when the file does not exist
   */
  static byte[] readAll(Path file) throws IOException {
    try (InputStream in = new FileInputStream(file.toFile())) {
      return in.readAllBytes();
    } catch (FileNotFoundException e) {
      throw asNoSuchFile(file, e);
    }
  }

  /** java.io reports every open failure as FileNotFoundException: keep "missing" apart. */
  private static IOException asNoSuchFile(Path file, FileNotFoundException e) {
    if (Files.notExists(file)) {
      NoSuchFileException n = new NoSuchFileException(file.toString());
      n.initCause(e);
      return n;
    }
    return e;
  }

  static String describe(IOException e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }
}
