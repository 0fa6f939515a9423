package dev.marble.server;

/** What the server reports as it works; {@link ServerMetrics} turns it into Prometheus metrics. */
interface ServerMetricsSink {
  void connectionOpened(String database);

  void connectionClosed(String database);

  void loginFailed();

  void connectionRejected(String reason);

  /** One client call that ran SQL (kind: query, update, batch, fetch, metadata, commit, rollback). */
  void statement(String database, String kind, long nanos, String sqlState);
}
