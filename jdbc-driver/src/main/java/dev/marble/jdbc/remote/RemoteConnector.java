package dev.marble.jdbc.remote;

import java.sql.Connection;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens {@code jdbc:marble:remote://} connections: an Avatica remote connection (protobuf over
 * HTTP or HTTPS) to a Marble server, wrapped so that it behaves as an embedded one where Avatica
 * falls short (see {@link RemoteProtocol}).
 *
 * <p>Nothing on this path loads the engine, Calcite's planner or Chronicle Map, so a client needs
 * neither Chronicle's JVM flags nor a JDK compiler.
 */
public final class RemoteConnector {
  private RemoteConnector() {}

  public static boolean accepts(String url) {
    return RemoteSettings.accepts(url);
  }

  public static Connection connect(String url, Properties info) throws SQLException {
    RemoteSettings settings = RemoteSettings.parse(url, info);
    Properties avatica = new Properties();
    avatica.setProperty("url", settings.endpoint());
    avatica.setProperty("serialization", "PROTOBUF");
    avatica.setProperty("httpclient_factory", MarbleHttpClient.Factory.class.getName());
    avatica.setProperty(RemoteProtocol.DATABASE, settings.database);
    for (String key : RemoteSettings.FORWARDED) {
      String value = settings.values.get(key);
      if (value != null) {
        // Avatica keeps "schema" for itself and would not send it.
        avatica.setProperty(key.equals("schema") ? "marble_schema" : key, value);
      }
    }
    if (settings.tls()) {
      copy(settings, avatica, "truststore", "truststore");
      copy(settings, avatica, "truststore_password", "truststore_password");
      copy(settings, avatica, "hostname_verification", "hostname_verification");
    }
    avatica.setProperty("http_connection_timeout", Long.toString(settings.millis("connect_timeout", 10_000)));
    if (settings.values.containsKey("response_timeout")) {
      avatica.setProperty("http_response_timeout", Long.toString(settings.millis("response_timeout", 0)));
    }
    Connection connection;
    try {
      connection = new org.apache.calcite.avatica.remote.Driver().connect("jdbc:avatica:remote:", avatica);
    } catch (SQLException | RuntimeException e) {
      throw RemoteErrors.onConnect(e, settings);
    }
    return RemoteJdbc.connection(connection, settings);
  }

  private static void copy(RemoteSettings settings, Properties to, String from, String key) {
    String value = settings.values.get(from);
    if (value != null) {
      to.setProperty(key, value);
    }
  }

  public static DriverPropertyInfo[] propertyInfo(Properties info) {
    return RemoteSettings.propertyInfo(info);
  }
}
