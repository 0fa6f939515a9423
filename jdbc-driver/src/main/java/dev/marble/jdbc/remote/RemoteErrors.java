package dev.marble.jdbc.remote;

import dev.marble.jdbc.SqlExceptions;
import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.avatica.AvaticaSqlException;

/**
 * Turns what Avatica's client throws into the SQLException the embedded driver would have thrown:
 * the server's message and SQLState, and the SQLException subclass of that state. Avatica reports
 * server errors as {@code "Error -1 (42S02) : ..."} and some as unchecked exceptions; a failed
 * HTTP exchange is the only case that becomes class 08 (the server is gone or unreachable).
 */
final class RemoteErrors {
  private static final String AVATICA_PREFIX = "Remote driver error: ";

  private RemoteErrors() {}

  static SQLException translate(Throwable e) {
    if (e instanceof AvaticaSqlException a) {
      return SqlExceptions.create(serverMessage(a.getErrorMessage()), state(a.getSQLState()), a);
    }
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof AvaticaClientRuntimeException a) {
        return SqlExceptions.create(serverMessage(a.getMessage()), state(a.getSqlState()), e);
      }
      if (c instanceof AvaticaSqlException a) {
        return SqlExceptions.create(serverMessage(a.getErrorMessage()), state(a.getSQLState()), e);
      }
      if (c instanceof java.io.IOException) {
        return SqlExceptions.create("Lost the Marble server: " + c.getMessage(), "08006", e);
      }
    }
    if (e instanceof SQLException s) {
      return s;
    }
    String message = String.valueOf(e.getMessage());
    if (message.contains("Failed to execute HTTP Request") || message.contains("HTTP/")) {
      return SqlExceptions.create("Lost the Marble server: " + message, "08006", e);
    }
    return SqlExceptions.create("Remote call failed: " + e, "XX000", e);
  }

  /** A failure to open: unreachable servers and refusals are 08001, other states stay as sent. */
  static SQLException onConnect(Throwable e, RemoteSettings settings) {
    SQLException s = translate(e);
    String where = " (" + settings.host + ":" + settings.port + ", database " + settings.database + ")";
    if (s.getSQLState() != null && s.getSQLState().startsWith("08")) {
      return SqlExceptions.create("Cannot connect to the Marble server" + where + ": " + s.getMessage(),
          "08001", e);
    }
    return SqlExceptions.create(s.getMessage(), s.getSQLState(), e);
  }

  /**
   * The server's own message. Avatica's client puts text of its own before it ({@code Error while
   * executing SQL "...": Remote driver error: }), which names Marble's protocol prefixes besides.
   */
  private static String serverMessage(String message) {
    int at = message == null ? -1 : message.indexOf(AVATICA_PREFIX);
    return at < 0 ? message : message.substring(at + AVATICA_PREFIX.length());
  }

  /** Avatica sends "00000" when the server gave no state. */
  private static String state(String s) {
    return s == null || s.isEmpty() || s.equals("00000") ? "XX000" : s;
  }
}
