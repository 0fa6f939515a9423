package dev.marble.server;

import dev.marble.storage.RedoLog;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.avatica.metrics.noop.NoopMetricsSystem;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.remote.ProtobufHandler;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Marble server: serves the databases in one directory to {@code jdbc:marble:remote://} clients
 * over Avatica's protobuf-over-HTTP protocol, with the engine in this JVM. Embed it with
 * <pre>{@code
 * try (MarbleServer server = MarbleServer.builder(Path.of("data")).port(8765)
 *     .adminPassword(secret).start()) {
 *   ... server.url("shop") is jdbc:marble:remote://127.0.0.1:8765/shop ...
 * }
 * }</pre>
 * Without a TLS keystore it listens on a loopback address only, unless told {@link Builder#insecure}.
 */
public final class MarbleServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MarbleServer.class);

  private final Builder config;
  private final Server jetty;
  private final ServedDatabases databases;
  private final MarbleMeta meta;
  private final ServerMetrics metrics;
  private final ScheduledExecutorService sweeper;
  private final int port;

  private MarbleServer(Builder config) {
    this.config = config;
    config.validate();
    this.metrics = new ServerMetrics();
    this.databases = new ServedDatabases(config.dir, config.adminPassword, config.sync, metrics);
    try {
      this.meta = new MarbleMeta(databases, config.limits, metrics);
    } catch (SQLException e) {
      throw new ServerException(ServerException.Code.START_FAILED, "Cannot set up the server: " + e.getMessage(), e);
    }
    Service service = new LocalService(MetaCalls.wrap(meta, metrics));
    ProtobufHandler handler = new ProtobufHandler(service, new ProtobufTranslationImpl(), NoopMetricsSystem.getInstance());
    this.jetty = new Server(threadPool(config));
    ServerConnector connector = connector(config);
    jetty.addConnector(connector);
    // Open sockets, not only JDBC connections: a flood of idle TCP connections stops here.
    jetty.addBean(new NetworkConnectionLimit(config.limits.maxConnections() * 4 + 64, jetty));
    jetty.setHandler(new HttpRoutes(handler, config.limits.maxRequestBytes(), this::health, metrics::scrape,
        ServerMetrics.CONTENT_TYPE));
    jetty.setStopTimeout(5_000);
    start(connector);
    this.port = connector.getLocalPort();
    handler.setRpcMetadata(new Service.RpcMetadataResponse(config.host + ":" + port));
    this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "marble-idle-expiry");
      t.setDaemon(true);
      return t;
    });
    long every = Math.max(100, Math.min(1_000, config.limits.idleTimeout().toMillis() / 4));
    sweeper.scheduleWithFixedDelay(this::expireIdle, every, every, TimeUnit.MILLISECONDS);
    LOG.info("Marble server listening on {}://{}:{}, serving the databases in {}",
        config.keystore != null ? "https" : "http", config.host, port, config.dir.toAbsolutePath());
  }

  public static Builder builder(Path dir) {
    return new Builder(dir);
  }

  private static QueuedThreadPool threadPool(Builder config) {
    QueuedThreadPool pool = new QueuedThreadPool(Math.max(32, config.limits.maxConnections() + 16), 4);
    pool.setName("marble-http");
    return pool;
  }

  private ServerConnector connector(Builder config) {
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setRequestHeaderSize(16 * 1024);
    HttpConnectionFactory httpFactory = new HttpConnectionFactory(http);
    ServerConnector connector;
    if (config.keystore != null) {
      SslContextFactory.Server tls = new SslContextFactory.Server();
      tls.setKeyStorePath(config.keystore.toAbsolutePath().toString());
      tls.setKeyStorePassword(config.keystorePassword);
      connector = new ServerConnector(jetty, new SslConnectionFactory(tls, httpFactory.getProtocol()), httpFactory);
    } else {
      connector = new ServerConnector(jetty, httpFactory);
    }
    connector.setHost(config.host);
    connector.setPort(config.port);
    connector.setIdleTimeout(30_000);
    return connector;
  }

  private void start(ServerConnector connector) {
    try {
      jetty.start();
    } catch (Exception e) {
      stopQuietly();
      for (Throwable c = e; c != null; c = c.getCause()) {
        if (c instanceof BindException) {
          throw new ServerException(ServerException.Code.PORT_IN_USE, "Port " + config.port + " on " + config.host
              + " is taken (another server is listening there?); choose another with --port", e);
        }
      }
      if (config.keystore != null) {
        throw new ServerException(ServerException.Code.BAD_KEYSTORE, "Cannot start TLS with keystore "
            + config.keystore + ": " + e.getMessage(), e);
      }
      throw new ServerException(ServerException.Code.START_FAILED, "Cannot start the server: " + e, e);
    }
  }

  /** Never lets an exception escape: one would cancel the schedule, and idle expiry with it. */
  private void expireIdle() {
    try {
      meta.expireIdle();
    } catch (RuntimeException | Error e) {
      LOG.warn("Idle expiry failed; trying again shortly", e);
    }
  }

  private String health() {
    return "{\"status\":\"UP\",\"connections\":" + meta.openConnections() + "}\n";
  }

  /** The port the server listens on (the chosen one when built with port 0). */
  public int port() {
    return port;
  }

  /** The URL a client uses for database {@code name} on this server. */
  public String url(String name) {
    String host = config.host.contains(":") ? "[" + config.host + "]" : config.host;
    return "jdbc:marble:remote://" + host + ":" + port + "/" + name + (config.keystore != null ? ";tls=true" : "");
  }

  /** Blocks until the server stops. */
  public void join() throws InterruptedException {
    jetty.join();
  }

  /** Stops listening, closes every client connection (rolling back their transactions), closes the databases. */
  @Override
  public void close() {
    LOG.info("Marble server on port {} stopping", port);
    sweeper.shutdownNow();
    stopQuietly();
    meta.closeAll();
    databases.close();
    metrics.close();
  }

  private void stopQuietly() {
    try {
      jetty.stop();
    } catch (Exception e) {
      LOG.warn("Jetty did not stop cleanly", e);
    }
  }

  /** The server's settings; {@link #start()} checks them and starts the server. */
  public static final class Builder {
    private final Path dir;
    private String host = "127.0.0.1";
    private int port = 8765;
    private String adminPassword;
    private Path keystore;
    private String keystorePassword;
    private boolean insecure;
    private ServerLimits limits = ServerLimits.DEFAULTS;
    private RedoLog.Sync sync = RedoLog.Sync.FULL;

    private Builder(Path dir) {
      this.dir = dir;
    }

    /** Address to listen on; default 127.0.0.1. Any other than loopback needs TLS or {@link #insecure}. */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /** TCP port; 0 picks a free one ({@link #port()} tells which). Default 8765. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Password of the user ADMIN that each database without users gets. Required. */
    public Builder adminPassword(String password) {
      this.adminPassword = password;
      return this;
    }

    /** Serve HTTPS with the key and certificate in this keystore (PKCS12 or JKS). */
    public Builder tls(Path keystore, String password) {
      this.keystore = keystore;
      this.keystorePassword = password;
      return this;
    }

    /** Allow plaintext HTTP on a non-loopback address: passwords and data cross the network readable. */
    public Builder insecure(boolean insecure) {
      this.insecure = insecure;
      return this;
    }

    public Builder limits(ServerLimits limits) {
      this.limits = limits;
      return this;
    }

    /** Commit durability of the databases this server opens (default FULL). */
    public Builder sync(RedoLog.Sync sync) {
      this.sync = sync;
      return this;
    }

    public MarbleServer start() {
      return new MarbleServer(this);
    }

    private void validate() {
      if (adminPassword == null || adminPassword.isEmpty()) {
        throw new ServerException(ServerException.Code.NO_ADMIN_PASSWORD, "No admin password: give --admin-password "
            + "or set MARBLE_ADMIN_PASSWORD; the server will not serve databases that anyone could open");
      }
      if (port < 0 || port > 65535) {
        throw new ServerException(ServerException.Code.BAD_OPTION, "Port " + port + " is not a TCP port");
      }
      try {
        Files.createDirectories(dir);
      } catch (IOException | RuntimeException e) {
        throw new ServerException(ServerException.Code.BAD_DIRECTORY, "Cannot use " + dir + " as the databases' "
            + "directory: " + e.getMessage(), e);
      }
      if (keystore != null && !Files.isReadable(keystore)) {
        throw new ServerException(ServerException.Code.BAD_KEYSTORE, "Cannot read the TLS keystore " + keystore);
      }
      if (keystore == null && !insecure && !isLoopback(host)) {
        throw new ServerException(ServerException.Code.INSECURE_ADDRESS, "Refusing to serve plaintext HTTP on "
            + host + ": give a keystore (--tls-keystore) or, on a network you trust, --insecure");
      }
    }

    private static boolean isLoopback(String host) {
      try {
        for (InetAddress a : InetAddress.getAllByName(host)) {
          if (!a.isLoopbackAddress()) {
            return false;
          }
        }
        return true;
      } catch (UnknownHostException e) {
        throw new ServerException(ServerException.Code.BAD_OPTION, "Unknown host " + host, e);
      }
    }
  }
}
