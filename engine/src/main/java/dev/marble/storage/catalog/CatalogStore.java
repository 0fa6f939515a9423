package dev.marble.storage.catalog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.marble.storage.AtomicFiles;
import dev.marble.storage.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes {@code catalog.json}: {@code {"format": N, "catalog": {...}}}. Writes are
 * crash-safe (temp file, fsync, atomic rename): after a crash the file holds the old or the new
 * catalog, never a mix. A file whose format is newer than {@link Catalog#FORMAT_VERSION} is refused
 * rather than misread.
 */
public final class CatalogStore {
  public static final String FILE_NAME = "catalog.json";

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private CatalogStore() {}

  public static boolean exists(Path dir) {
    return Files.exists(dir.resolve(FILE_NAME));
  }

  public static Catalog read(Path dir) {
    Path file = dir.resolve(FILE_NAME);
    try {
      JsonNode root = JSON.readTree(AtomicFiles.read(file));
      int format = root.path("format").asInt(-1);
      if (format < 1 || format > Catalog.FORMAT_VERSION) {
        throw new StorageException(StorageException.Code.UNSUPPORTED_FORMAT,
            file + " has catalog format " + format + "; this Marble reads formats 1 to "
                + Catalog.FORMAT_VERSION + ". Open it with a newer Marble.");
      }
      return JSON.treeToValue(root.get("catalog"), Catalog.class);
    } catch (IOException e) {
      throw new StorageException(StorageException.Code.CORRUPTED,
          "Cannot read the catalog " + file + ": " + e.getMessage(), e);
    }
  }

  public static void write(Path dir, Catalog catalog) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", catalog.format());
    root.set("catalog", JSON.valueToTree(catalog));
    try {
      AtomicFiles.write(dir.resolve(FILE_NAME), JSON.writeValueAsBytes(root));
    } catch (IOException e) {
      throw new StorageException(StorageException.Code.IO_ERROR,
          "Cannot write the catalog in " + dir + ": " + e.getMessage(), e);
    }
  }
}
