package dev.marble.jdbc.remote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The connection properties a remote client sets and reads on its server connection (see
 * {@link RemoteProtocol#SESSION}): both halves of the exchange, so they cannot disagree.
 */
public final class SessionState {
  static final String AUTO_COMMIT = "autoCommit";
  static final String READ_ONLY = "readOnly";
  static final String ISOLATION = "transactionIsolation";
  static final String CATALOG = "catalog";
  static final String SCHEMA = "schema";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonNode values;

  private SessionState(JsonNode values) {
    this.values = values;
  }

  /** The request text that sets {@code name} to {@code value} (null: only read). */
  static String request(String name, Object value) {
    return name == null ? RemoteProtocol.SESSION
        : RemoteProtocol.SESSION + name + "=" + (value == null ? "" : value);
  }

  /** Server side: applies the request after {@link RemoteProtocol#SESSION}, as the JDBC setter would. */
  public static void apply(Connection c, String request) throws SQLException {
    if (request.isEmpty()) {
      return;
    }
    int eq = request.indexOf('=');
    String name = eq < 0 ? request : request.substring(0, eq);
    String value = eq < 0 || eq == request.length() - 1 ? null : request.substring(eq + 1);
    try {
      switch (name) {
        case AUTO_COMMIT -> c.setAutoCommit(Boolean.parseBoolean(value));
        case READ_ONLY -> c.setReadOnly(Boolean.parseBoolean(value));
        case ISOLATION -> c.setTransactionIsolation(Integer.parseInt(value));
        case CATALOG -> c.setCatalog(value);
        case SCHEMA -> c.setSchema(value);
        default -> throw new SQLException("Unknown connection property from the client: " + name, "08P01");
      }
    } catch (NumberFormatException e) {
      throw new SQLException("Malformed connection property from the client: " + request, "08P01", e);
    }
  }

  /** Server side: the answer, every property as the connection reports it now. */
  public static String describe(Connection c) throws SQLException {
    ObjectNode o = JSON.createObjectNode();
    o.put(AUTO_COMMIT, c.getAutoCommit());
    o.put(READ_ONLY, c.isReadOnly());
    o.put(ISOLATION, c.getTransactionIsolation());
    o.put(CATALOG, c.getCatalog());
    o.put(SCHEMA, c.getSchema());
    return o.toString();
  }

  static SessionState parse(String answer) throws SQLException {
    try {
      return new SessionState(JSON.readTree(answer));
    } catch (JsonProcessingException e) {
      throw new SQLException("Malformed connection properties from the server: " + e.getMessage(), "08P01", e);
    }
  }

  /** The value a getter of the property returns. */
  Object get(String name) {
    JsonNode v = values.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    return v.isBoolean() ? (Object) v.booleanValue() : v.isInt() ? (Object) v.intValue() : v.asText();
  }
}
