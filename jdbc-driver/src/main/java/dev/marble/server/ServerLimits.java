package dev.marble.server;

import java.time.Duration;

/**
 * What one server allows each client. Zero means "no limit" for the statement timeout and the
 * result size; the others always apply.
 *
 * @param maxConnections open JDBC connections, all databases together; one more is refused (08004)
 * @param statementTimeout longest a statement may run before it is cancelled (57014); ZERO: none
 * @param maxResultRows rows one result may return before the statement fails (54000); 0: none
 * @param idleTimeout a connection no client call touched for this long is closed on the server,
 *     rolling back its transaction and freeing its locks (a client that vanished)
 * @param maxRequestBytes largest HTTP request body accepted (413 beyond)
 * @param maxConcurrentLogins password checks running at once; they are slow by design, so a flood
 *     of logins queues here instead of taking every core
 */
public record ServerLimits(int maxConnections, Duration statementTimeout, long maxResultRows,
    Duration idleTimeout, int maxRequestBytes, int maxConcurrentLogins) {

  public static final ServerLimits DEFAULTS = new ServerLimits(100, Duration.ZERO, 1_000_000,
      Duration.ofMinutes(10), 64 << 20, Math.max(1, Runtime.getRuntime().availableProcessors() / 2));

  public ServerLimits {
    if (maxConnections < 1 || maxResultRows < 0 || maxRequestBytes < 1024 || maxConcurrentLogins < 1
        || statementTimeout.isNegative() || idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new ServerException(ServerException.Code.BAD_OPTION, "Invalid server limits: " + this);
    }
  }

  public ServerLimits withMaxConnections(int n) {
    return new ServerLimits(n, statementTimeout, maxResultRows, idleTimeout, maxRequestBytes, maxConcurrentLogins);
  }

  public ServerLimits withStatementTimeout(Duration d) {
    return new ServerLimits(maxConnections, d, maxResultRows, idleTimeout, maxRequestBytes, maxConcurrentLogins);
  }

  public ServerLimits withMaxResultRows(long n) {
    return new ServerLimits(maxConnections, statementTimeout, n, idleTimeout, maxRequestBytes, maxConcurrentLogins);
  }

  public ServerLimits withIdleTimeout(Duration d) {
    return new ServerLimits(maxConnections, statementTimeout, maxResultRows, d, maxRequestBytes, maxConcurrentLogins);
  }

  public ServerLimits withMaxRequestBytes(int n) {
    return new ServerLimits(maxConnections, statementTimeout, maxResultRows, idleTimeout, n, maxConcurrentLogins);
  }

  public ServerLimits withMaxConcurrentLogins(int n) {
    return new ServerLimits(maxConnections, statementTimeout, maxResultRows, idleTimeout, maxRequestBytes, n);
  }
}
