package dev.marble.jdbc.remote;

import dev.marble.jdbc.SqlExceptions;
import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.avatica.AvaticaSqlException;
import org.apache.calcite.avatica.remote.Service;

/**
 * Turns what Avatica's client throws into the SQLException the embedded driver would have thrown:
 * the server's message and SQLState, and the SQLException subclass of that state. Avatica reports
 * server errors as {@code "Error -1 (42S02) : ..."} and some as unchecked exceptions. Class 08 comes
 * only from a failed HTTP exchange (08006) or a connection the server no longer has (08003).
 */
final class RemoteErrors {
  private static final String AVATICA_PREFIX = "Remote driver error: ";

  private RemoteErrors() {}

  static SQLException translate(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof AvaticaSqlException a) {
        return fromServer(a.getErrorMessage(), a.getSQLState(), a.getErrorCode(), e);
      }
      if (c instanceof AvaticaClientRuntimeException a) {
        return fromServer(a.getMessage(), a.getSqlState(), a.getErrorCode(), e);
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

  private static SQLException fromServer(String avaticaMessage, String state, int code, Throwable e) {
    String message = serverMessage(avaticaMessage);
    if (code == Service.ErrorResponse.MISSING_CONNECTION_ERROR_CODE) {
      return SqlExceptions.create("The Marble server no longer has this connection (it was idle past the "
          + "server's --idle-timeout, or the server restarted): " + message, "08003", e);
    }
    // Avatica sends "00000" when the server gave no state.
    boolean none = state == null || state.isEmpty() || state.equals("00000");
    return SqlExceptions.create(message, none ? "XX000" : state, e);
  }

  /**
   * The server's own message. Avatica's client puts text of its own before it ({@code Error while
   * executing SQL "...": Remote driver error: }), which names Marble's protocol prefixes besides.
   */
  private static String serverMessage(String message) {
    int at = message == null ? -1 : message.indexOf(AVATICA_PREFIX);
    return at < 0 ? message : message.substring(at + AVATICA_PREFIX.length());
  }

  /**
   * A failure to open: an unreachable server is 08001; what the server refused (28000 a wrong
   * password, 08004 too many connections) keeps the server's state.
   */
  static SQLException onConnect(Throwable e, RemoteSettings settings) {
    SQLException s = translate(e);
    String where = " (" + settings.host + ":" + settings.port + ", database " + settings.database + ")";
    if ("08006".equals(s.getSQLState())) {
      return SqlExceptions.create("Cannot reach the Marble server" + where + ": " + s.getMessage(), "08001", e);
    }
    return SqlExceptions.create(s.getMessage(), s.getSQLState(), e);
  }
}
