package dev.marble.storage;

import dev.marble.storage.catalog.CatalogStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Copies a database directory's files (catalog, sequences, table and index stores) for BACKUP. The
 * caller keeps commits out while this runs. The lock file and the (just emptied) redo log stay
 * behind: the copy opens as a database of its own, cleanly.
 */
final class Backup {
  private Backup() {}

  static long copy(Path from, Path to) {
    try {
      if (Files.exists(to)) {
        try (Stream<Path> children = Files.list(to)) {
          if (children.findAny().isPresent()) {
            throw new StorageException(StorageException.Code.IO_ERROR,
                "Backup directory " + to + " is not empty; back up into a new or empty directory");
          }
        }
      }
      Files.createDirectories(to);
      long bytes = 0;
      for (String name : List.of(CatalogStore.FILE_NAME, SequenceStore.FILE_NAME)) {
        if (Files.exists(from.resolve(name))) {
          bytes += copyFile(from.resolve(name), to.resolve(name));
        }
      }
      for (String tree : List.of("tables", "indexes")) {
        if (Files.isDirectory(from.resolve(tree))) {
          bytes += copyTree(from.resolve(tree), to.resolve(tree));
        }
      }
      return bytes;
    } catch (IOException e) {
      throw new StorageException(StorageException.Code.IO_ERROR,
          "Backup of " + from + " into " + to + " failed: " + e.getMessage(), e);
    }
  }

  private static long copyTree(Path from, Path to) throws IOException {
    long bytes = 0;
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path source : walk.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          bytes += copyFile(source, target);
        }
      }
    }
    return bytes;
  }

  private static long copyFile(Path source, Path target) throws IOException {
    Files.copy(source, target);
    try (var out = new java.io.RandomAccessFile(target.toFile(), "rw")) {
      out.getFD().sync(); // a backup that a crash can undo is no backup
    }
    return Files.size(target);
  }
}
