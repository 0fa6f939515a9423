package dev.marble.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

/** Reads stream parameters (setBinaryStream and friends) into values; {@code length < 0}: to the end. */
public final class Streams {
  private Streams() {}

  public static byte[] bytes(InputStream in, long length) throws SQLException {
    try {
      return length < 0 ? in.readAllBytes() : in.readNBytes(Math.toIntExact(length));
    } catch (IOException e) {
      throw new SQLException("Cannot read the stream parameter: " + e.getMessage(), "22000", e);
    } catch (ArithmeticException e) {
      throw new SQLException("Stream length " + length + " is too large", "54000", e);
    }
  }

  public static String ascii(InputStream in, long length) throws SQLException {
    return new String(bytes(in, length), StandardCharsets.US_ASCII);
  }

  public static String chars(Reader in, long length) throws SQLException {
    StringBuilder text = new StringBuilder();
    char[] buffer = new char[8192];
    try {
      long left = length < 0 ? Long.MAX_VALUE : length;
      int n;
      while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
        text.append(buffer, 0, n);
        left -= n;
      }
    } catch (IOException e) {
      throw new SQLException("Cannot read the stream parameter: " + e.getMessage(), "22000", e);
    }
    return text.toString();
  }
}
