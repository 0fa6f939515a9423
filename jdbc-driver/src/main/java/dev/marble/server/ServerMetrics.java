package dev.marble.server;

import dev.marble.storage.Database;
import java.util.function.IntSupplier;

/** TEMPORARY stand-in until the metrics helper lands (not to be committed). */
final class ServerMetrics implements ServerMetricsSink, ServedDatabases.DatabaseListener {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  public void connectionOpened(String database) {}

  public void connectionClosed(String database) {}

  public void loginFailed() {}

  public void connectionRejected(String reason) {}

  public void statement(String database, String kind, long nanos, String sqlState) {}

  public void opened(String name, Database database) {}

  public void closed(String name) {}

  void connectionGauge(IntSupplier open) {}

  String scrape() {
    return "";
  }

  void close() {}
}
