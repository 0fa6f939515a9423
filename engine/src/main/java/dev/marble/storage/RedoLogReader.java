package dev.marble.storage;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and validates a redo log file (format in {@link RedoLog}): the header, every record's
 * magic, length, checksum and LSN order. A torn tail is cut; damage followed by intact records is
 * refused. Reads with streams, which interrupts cannot close.
 */
final class RedoLogReader {
  private static final Logger LOG = LoggerFactory.getLogger(RedoLog.class);

  private RedoLogReader() {}

  /** Where the good records end, and the last LSN among them. */
  record Scan(long end, long lastLsn) {}

  /**
   * Reads the records in the first {@code length} bytes, passing each intact one to {@code
   * payloads} (when not null), and cuts the file at the first bad one. Called under appendLock (or
   * before the log is shared).
   */
  static Scan scan(Path file, RandomAccessFile raf, Consumer<byte[]> payloads, long length) throws IOException {
    // FileInputStream, not a channel: reading is not interruptible either.
    try (InputStream in = new BufferedInputStream(new FileInputStream(file.toFile()), 1 << 16)) {
      DataInputStream data = new DataInputStream(in);
      byte[] header = new byte[RedoLog.HEADER_SIZE];
      if (length < RedoLog.HEADER_SIZE) {
        throw corruptHeader(file, "is " + length + " bytes long, shorter than its header");
      }
      data.readFully(header);
      long last = parseHeader(file, header) - 1;
      long pos = RedoLog.HEADER_SIZE;
      String problem = null;
      byte[] rh = new byte[RedoLog.RECORD_HEADER];
      ByteBuffer b = ByteBuffer.wrap(rh);
      try {
        while (pos < length) {
          if (length - pos < RedoLog.RECORD_HEADER) {
            problem = "a record header cut short";
            break;
          }
          data.readFully(rh);
          int magic = b.getInt(0);
          int len = b.getInt(4);
          int crc = b.getInt(8);
          long lsn = b.getLong(12);
          if (magic != RedoLog.RECORD_MAGIC) {
            problem = "no record magic";
            break;
          }
          if (len < 0 || len > length - pos - RedoLog.RECORD_HEADER) {
            problem = "a record length of " + len + " bytes running past the end of the file";
            break;
          }
          byte[] payload = new byte[len];
          data.readFully(payload);
          CRC32C c = new CRC32C();
          c.update(payload);
          c.update(rh, 4, 4);
          c.update(rh, 12, 8);
          if ((int) c.getValue() != crc) {
            problem = "a record (LSN " + lsn + ", " + len + " bytes) failing its checksum";
            break;
          }
          if (lsn <= last) {
            problem = "a record whose LSN " + lsn + " does not follow " + last;
            break;
          }
          if (payloads != null) {
            payloads.accept(payload);
          }
          last = lsn;
          pos += RedoLog.RECORD_HEADER + len;
        }
      } catch (EOFException e) {
        problem = "the file ending early"; // shortened behind our back
      }
      if (problem != null) {
        long size = raf.length();
        long intact = intactRecordAfter(file, pos + 1, size);
        if (intact >= 0) {
          // Not a torn tail: committed records follow the damage. Dropping them would lose commits.
          throw new StorageException(StorageException.Code.CORRUPTED, "Redo log " + file + " is damaged: "
              + problem + " at offset " + pos + ", yet an intact record follows at offset " + intact
              + ". Marble will not discard committed transactions; restore the database from a backup");
        }
        LOG.warn("Redo log {}: {} at offset {}; discarding the {} bytes from there to the end "
            + "(a write torn by a crash)", file, problem, pos, size - pos);
        raf.setLength(pos);
        raf.seek(pos);
        raf.getFD().sync();
      }
      return new Scan(pos, last);
    }
  }

  /**
   * The offset of the first intact record (magic, length within the file, matching checksum) at or
   * after {@code from}, or -1. A crash tears only the last record, so an intact one after a bad one
   * means damage, not a torn write.
   */
  private static long intactRecordAfter(Path file, long from, long length) throws IOException {
    if (length - from < RedoLog.RECORD_HEADER) {
      return -1;
    }
    byte[] rest = new byte[Math.toIntExact(length - from)];
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      in.seek(from);
      in.readFully(rest);
    }
    ByteBuffer b = ByteBuffer.wrap(rest);
    for (int i = 0; i + RedoLog.RECORD_HEADER <= rest.length; i++) {
      if (b.getInt(i) != RedoLog.RECORD_MAGIC) {
        continue;
      }
      int len = b.getInt(i + 4);
      if (len < 0 || len > rest.length - i - RedoLog.RECORD_HEADER) {
        continue;
      }
      CRC32C c = new CRC32C();
      c.update(rest, i + RedoLog.RECORD_HEADER, len);
      c.update(rest, i + 4, 4);
      c.update(rest, i + 12, 8);
      if ((int) c.getValue() == b.getInt(i + 8)) {
        return from + i;
      }
    }
    return -1;
  }

  private static long parseHeader(Path file, byte[] h) {
    ByteBuffer b = ByteBuffer.wrap(h);
    if (b.getLong(0) != RedoLog.FILE_MAGIC) {
      throw corruptHeader(file, "is not a Marble redo log (bad magic)");
    }
    CRC32C c = new CRC32C();
    c.update(h, 0, 24);
    if ((int) c.getValue() != b.getInt(24)) {
      throw corruptHeader(file, "has a header failing its checksum");
    }
    int version = b.getInt(8);
    if (version != RedoLog.VERSION) {
      throw new StorageException(StorageException.Code.UNSUPPORTED_FORMAT,
          "Redo log " + file + " has format version " + version + "; this Marble reads version " + RedoLog.VERSION);
    }
    return b.getLong(16);
  }

  private static StorageException corruptHeader(Path file, String what) {
    return new StorageException(StorageException.Code.CORRUPTED, "Redo log " + file + " " + what
        + "; it cannot be replayed (deleting it loses the commits it holds)");
  }
}
