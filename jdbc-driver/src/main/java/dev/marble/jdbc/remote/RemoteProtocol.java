package dev.marble.jdbc.remote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Method;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Set;

/**
 * What Marble's client and server add to Avatica's protocol, carried as statement text so that the
 * wire format stays Avatica's own. Avatica has no requests for generated keys, nor for most of
 * {@link DatabaseMetaData} (primary keys, indexes, foreign keys answer empty through it), so the
 * client sends these as the SQL of an ordinary statement and Marble's server answers them instead
 * of running them. Every form starts with a comment, so no such text is a valid Marble statement
 * with another meaning.
 *
 * <ul>
 *   <li>{@code KEYS + sql}: run {@code sql} asking for generated keys (all generated columns);
 *   {@code KEYS_COLUMNS + "a,b*&#47;" + sql}: for these columns (quoted names, comma-separated).
 *   <li>{@code GENERATED_KEYS + id}: the generated keys of statement {@code id} of the same connection.
 *   <li>{@code METADATA + json}: call one DatabaseMetaData method of the server's connection; a
 *   ResultSet comes back as is, anything else as one row with one VARCHAR column {@code VALUE}.
 *   <li>{@code QUERY + sql}, {@code UPDATE + sql}: run {@code sql} as {@code executeQuery} or
 *   {@code executeUpdate} would, so that the wrong kind of statement fails before it runs
 *   ({@code UPDATE} may be followed by a generated-keys prefix).
 *   <li>{@code SESSION}, {@code SESSION + "name=value"}: set one connection property (autoCommit,
 *   readOnly, transactionIsolation, catalog or schema; a null value is sent as nothing after the
 *   {@code =}), then answer all of them as a JSON object in one {@code VALUE}. Avatica would
 *   send a property change only with the next statement it prepares, and a property SQL changed
 *   (SET SCHEMA) never; the client keeps no copy of its own that could go stale.
 *   <li>{@code TIMEOUT + "id,seconds"}: the query timeout of statement {@code id} of the same
 *   connection, which Avatica does not send.
 *   <li>{@code BATCH_COUNTS + id}: the update counts of statement {@code id}'s failed batch, as
 *   comma-separated numbers in one {@code VALUE} (Avatica's error response has no room for them).
 * </ul>
 */
public final class RemoteProtocol {
  public static final String KEYS = "/*marble:keys*/";
  public static final String KEYS_COLUMNS = "/*marble:keys:";
  public static final String GENERATED_KEYS = "/*marble:generated_keys*/";
  public static final String METADATA = "/*marble:metadata*/";
  public static final String QUERY = "/*marble:query*/";
  public static final String UPDATE = "/*marble:update*/";
  public static final String SESSION = "/*marble:session*/";
  public static final String TIMEOUT = "/*marble:timeout*/";
  public static final String BATCH_COUNTS = "/*marble:batch_counts*/";
  /** The property of Avatica's OpenConnectionRequest that names the database on the server. */
  public static final String DATABASE = "marble_database";

  /** Parameter types a forwarded DatabaseMetaData call may have; nothing else is ever invoked. */
  private static final Set<Class<?>> ARGUMENT_TYPES =
      Set.of(String.class, String[].class, int.class, int[].class, boolean.class);

  private static final ObjectMapper JSON = new ObjectMapper();

  private RemoteProtocol() {}

  /** The statement text that asks the server to call {@code method} with {@code args}. */
  static String metadataCall(Method method, Object[] args) throws SQLException {
    ObjectNode call = JSON.createObjectNode();
    call.put("method", method.getName());
    ArrayNode types = call.putArray("types");
    for (Class<?> t : method.getParameterTypes()) {
      types.add(t.getName());
    }
    call.set("args", JSON.valueToTree(args == null ? new Object[0] : args));
    try {
      return METADATA + JSON.writeValueAsString(call);
    } catch (JsonProcessingException e) {
      throw new SQLException("Cannot encode " + method.getName() + " for the server: " + e.getMessage(), "HY000", e);
    }
  }

  /** A decoded metadata call: the method of {@link DatabaseMetaData} and its arguments. */
  public record MetadataCall(Method method, Object[] args) {
    public Object invoke(DatabaseMetaData target) throws SQLException {
      try {
        return method.invoke(target, args);
      } catch (IllegalAccessException e) {
        throw new SQLException("Cannot call DatabaseMetaData." + method.getName(), "HY000", e);
      } catch (java.lang.reflect.InvocationTargetException e) {
        if (e.getCause() instanceof SQLException s) {
          throw s;
        }
        throw new SQLException("DatabaseMetaData." + method.getName() + " failed: " + e.getCause(), "HY000",
            e.getCause());
      }
    }
  }

  /**
   * Decodes the text after {@link #METADATA}. Only public methods of DatabaseMetaData whose
   * parameters are all of {@link #ARGUMENT_TYPES} are accepted, so a client can make the server
   * call nothing else.
   */
  public static MetadataCall parseMetadataCall(String text) throws SQLException {
    try {
      JsonNode call = JSON.readTree(text.substring(METADATA.length()));
      JsonNode typeNames = call.path("types");
      Class<?>[] types = new Class<?>[typeNames.size()];
      for (int i = 0; i < types.length; i++) {
        types[i] = argumentType(typeNames.get(i).asText());
      }
      Method method = DatabaseMetaData.class.getMethod(call.path("method").asText(), types);
      JsonNode argNodes = call.path("args");
      if (argNodes.size() != types.length) {
        throw new SQLException("Metadata call " + method.getName() + " has " + argNodes.size()
            + " arguments, expected " + types.length, "08P01");
      }
      Object[] args = new Object[types.length];
      for (int i = 0; i < types.length; i++) {
        args[i] = JSON.treeToValue(argNodes.get(i), types[i]);
      }
      return new MetadataCall(method, args);
    } catch (JsonProcessingException | NoSuchMethodException e) {
      throw new SQLException("Malformed metadata call from the client: " + e.getMessage(), "08P01", e);
    }
  }

  private static Class<?> argumentType(String name) throws SQLException {
    for (Class<?> t : ARGUMENT_TYPES) {
      if (t.getName().equals(name)) {
        return t;
      }
    }
    throw new SQLException("Metadata call with an argument of type " + name + " is not allowed", "08P01");
  }

  /** Parses the columns of a {@link #KEYS_COLUMNS} prefix; returns {column names, rest of sql}. */
  public static String[] splitKeyColumns(String sql) {
    int end = sql.indexOf("*/", KEYS_COLUMNS.length());
    return new String[] {sql.substring(KEYS_COLUMNS.length(), end), sql.substring(end + 2)};
  }

  static String withKeyColumns(String[] columns, String sql) {
    StringBuilder b = new StringBuilder(KEYS_COLUMNS);
    for (int i = 0; i < columns.length; i++) {
      if (columns[i].contains(",") || columns[i].contains("*/")) {
        throw new IllegalArgumentException("Generated key column name " + columns[i] + " cannot be sent");
      }
      b.append(i > 0 ? "," : "").append(columns[i]);
    }
    return b.append("*/").append(sql).toString();
  }
}
