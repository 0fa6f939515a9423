package dev.marble.storage;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Sizes of folders, measured while the database runs: files may vanish meanwhile (shard rebuilds, drops). */
final class DiskUsage {
  private DiskUsage() {}

  /** Sum of the sizes of the regular files under {@code root}; 0 when it does not exist. */
  static long of(Path root) {
    long[] total = {0};
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (attrs.isRegularFile()) {
            total[0] += attrs.size();
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
          return FileVisitResult.CONTINUE; // deleted since it was listed: it takes no space any more
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) {
          return FileVisitResult.CONTINUE; // likewise for a folder deleted while being listed
        }
      });
    } catch (IOException e) {
      throw StoreErrors.ioError("Cannot measure " + root, e);
    }
    return total[0];
  }
}
