package dev.marble.server;

import dev.marble.storage.Database;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's metrics, served by /metrics in the Prometheus text format ({@link #scrape()}).
 * Thread-safe; the server calls it from its request threads.
 *
 * <p>Meters (Prometheus names): {@code marble_connections_open} (gauge), {@code
 * marble_connections_opened_total}, {@code marble_connections_rejected_total} (tag reason), {@code
 * marble_logins_failed_total}, {@code marble_statements_seconds} (histogram; its {@code _count}
 * gives statements per second), {@code marble_statement_errors_total} (tag sqlstate_class), and per
 * bound database ({@link DatabaseMeters}) commit, fsync and checkpoint histograms and table sizes.
 * All carry a {@code database} tag except the login and rejection counters. Plus Micrometer's JVM
 * (memory, GC, threads, classes) and process (CPU, uptime, open files) meters.
 */
public final class ServerMetrics implements AutoCloseable {
  /** The content type of {@link #scrape()}: Prometheus text format 0.0.4. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  /** What a timed statement did; the tag value is the lower-case name. */
  public enum StatementKind { QUERY, UPDATE, BATCH, METADATA, COMMIT, ROLLBACK }

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final Map<String, AtomicInteger> openConnections = new ConcurrentHashMap<>();
  /** Per database, the timer of each {@link StatementKind} (by ordinal), built on first use. */
  private final Map<String, Timer[]> statementTimers = new ConcurrentHashMap<>();
  private final Map<String, DatabaseMeters> bound = new ConcurrentHashMap<>();

  public ServerMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
  }

  /** A client connection to {@code database} was opened (after login). */
  public void connectionOpened(String database) {
    open(database).incrementAndGet();
    Counter.builder("marble.connections.opened").description("Client connections opened")
        .tag("database", database).register(registry).increment();
  }

  /** A connection {@link #connectionOpened opened} earlier was closed (by the client or expiry). */
  public void connectionClosed(String database) {
    open(database).decrementAndGet();
  }

  private AtomicInteger open(String database) {
    return openConnections.computeIfAbsent(database, name -> {
      AtomicInteger n = new AtomicInteger();
      Gauge.builder("marble.connections.open", n, AtomicInteger::get).description("Open client connections")
          .tag("database", name).strongReference(true).register(registry);
      return n;
    });
  }

  /** A client presented wrong credentials. */
  public void loginFailed() {
    Counter.builder("marble.logins.failed").description("Logins refused for wrong credentials")
        .register(registry).increment();
  }

  /** A connection was refused for {@code reason}, a short fixed word such as {@code max_connections}. */
  public void connectionRejected(String reason) {
    Counter.builder("marble.connections.rejected").description("Connections refused before login")
        .tag("reason", reason).register(registry).increment();
  }

  /** A statement of {@code kind} on {@code database} succeeded after {@code nanos}. */
  public void statement(String database, StatementKind kind, long nanos) {
    timer(database, kind).record(nanos, TimeUnit.NANOSECONDS);
  }

  /**
   * A statement failed after {@code nanos} with {@code sqlState} (null if it had none): timed like
   * any statement, and counted by SQLState class (its first two characters, e.g. 23 for a
   * constraint violation).
   */
  public void statementFailed(String database, StatementKind kind, long nanos, String sqlState) {
    statement(database, kind, nanos);
    String sqlStateClass = sqlState == null || sqlState.length() < 2 ? "unknown" : sqlState.substring(0, 2);
    Counter.builder("marble.statement.errors").description("Statements that failed, by SQLState class")
        .tags("database", database, "kind", tagValue(kind), "sqlstate_class", sqlStateClass)
        .register(registry).increment();
  }

  private Timer timer(String database, StatementKind kind) {
    Timer[] timers = statementTimers.computeIfAbsent(database, name -> new Timer[StatementKind.values().length]);
    Timer timer = timers[kind.ordinal()];
    if (timer == null) { // racing threads get the same Timer from the registry
      timer = Timer.builder("marble.statements").description("Statement latency, failed ones included")
          .tags("database", database, "kind", tagValue(kind)).publishPercentileHistogram()
          .minimumExpectedValue(Duration.ofNanos(10_000)).maximumExpectedValue(Duration.ofSeconds(60))
          .register(registry);
      timers[kind.ordinal()] = timer;
    }
    return timer;
  }

  private static String tagValue(StatementKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  /**
   * Reports {@code name}'s commit, fsync and checkpoint times and its table sizes from now on. The
   * caller keeps the database open while bound. Binding a name again replaces the earlier binding.
   */
  public synchronized void bindDatabase(String name, Database database) {
    unbindDatabase(name);
    bound.put(name, new DatabaseMeters(name, database, registry));
  }

  /** Stops reporting {@code name}'s database meters and removes them; nothing if not bound. */
  public synchronized void unbindDatabase(String name) {
    DatabaseMeters meters = bound.remove(name);
    if (meters != null) {
      meters.close();
    }
  }

  /** Every meter in the Prometheus text format ({@link #CONTENT_TYPE}), table sizes measured now. */
  public String scrape() {
    bound.values().forEach(DatabaseMeters::refresh);
    return registry.scrape(CONTENT_TYPE);
  }

  /** Unbinds every database and releases the JVM hooks (GC notifications). */
  @Override
  public synchronized void close() {
    new ArrayList<>(bound.keySet()).forEach(this::unbindDatabase);
    gc.close();
    registry.close();
  }
}
