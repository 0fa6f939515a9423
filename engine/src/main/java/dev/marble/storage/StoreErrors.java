package dev.marble.storage;

import java.io.IOException;
import net.openhft.chronicle.hash.ChronicleHashClosedException;

/**
 * The table store's error vocabulary: builds its IO_ERROR exceptions and recognises the two
 * Chronicle Map failures the store recovers from.
 *
 * <p>Danger: Chronicle reports "no segment tier left" and "entry too large" only through message
 * text, so {@link #isTierExhausted} and {@link #isEntryTooLarge} are the one place that depends on
 * its wording. Should an upgrade reword them, growth and overflow fallback turn into plain
 * failures (the store tests catch that).
 */
final class StoreErrors {
  private StoreErrors() {}

  static StorageException ioError(String message, IOException e) {
    return new StorageException(StorageException.Code.IO_ERROR, message + ": " + AtomicFiles.describe(e), e);
  }

  /** Chronicle could not allocate another segment tier: the shard must be rebuilt bigger. */
  static boolean isTierExhausted(IllegalStateException e) {
    return !(e instanceof ChronicleHashClosedException) && e.getMessage() != null
        && e.getMessage().contains("extra segment tier");
  }

  /** The entry does not fit in one segment tier of the shard it was written to. */
  static boolean isEntryTooLarge(IllegalArgumentException e) {
    return e.getMessage() != null && e.getMessage().contains("Entry is too large");
  }
}
