package dev.marble.server;

import dev.marble.storage.Database;
import dev.marble.storage.DatabaseListener;
import dev.marble.storage.StorageException;
import dev.marble.storage.TableSize;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The meters of one database the server serves, all tagged {@code database}: {@code
 * marble_commit_seconds}, {@code marble_fsync_seconds} (redo log) and {@code
 * marble_checkpoint_seconds} histograms fed by the engine as a {@link DatabaseListener}; {@code
 * marble_table_rows}, {@code marble_table_bytes} and {@code marble_table_index_bytes} per table
 * (tags schema, table), measured by {@link #refresh} so that tables created or dropped since show
 * up or go; and {@code marble_database_bytes}.
 */
final class DatabaseMeters implements DatabaseListener {
  private static final Logger LOG = LoggerFactory.getLogger(DatabaseMeters.class);

  private final String name;
  private final Database database;
  private final MeterRegistry registry;
  private final Timer commits;
  private final Timer fsyncs;
  private final Timer checkpoints;
  private final Gauge databaseBytes;
  private final MultiGauge tableRows;
  private final MultiGauge tableBytes;
  private final MultiGauge indexBytes;
  /** Set by {@link #close}: a scrape that raced with it must not register the table gauges again. */
  private boolean closed;

  DatabaseMeters(String name, Database database, MeterRegistry registry) {
    this.name = name;
    this.database = database;
    this.registry = registry;
    commits = timer("marble.commit", "Commits of transactions that wrote, from waiting for the commit lock on",
        Duration.ofSeconds(30));
    fsyncs = timer("marble.fsync", "Fsyncs of the redo log", Duration.ofSeconds(10));
    checkpoints = timer("marble.checkpoint", "Checkpoints: every store forced, the redo log emptied",
        Duration.ofSeconds(120));
    databaseBytes = Gauge.builder("marble.database.bytes", database, Database::diskBytes)
        .description("Size of all the database's files").baseUnit(BaseUnits.BYTES).tag("database", name)
        .strongReference(true).register(registry);
    tableRows = gauge("marble.table.rows", "Committed rows per table", null);
    tableBytes = gauge("marble.table.bytes", "Size of a table's own files", BaseUnits.BYTES);
    indexBytes = gauge("marble.table.index.bytes", "Size of the files of a table's indexes", BaseUnits.BYTES);
    database.addListener(this);
  }

  private Timer timer(String meter, String description, Duration max) {
    return Timer.builder(meter).description(description).tag("database", name).publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofNanos(10_000)).maximumExpectedValue(max).register(registry);
  }

  private MultiGauge gauge(String meter, String description, String unit) {
    return MultiGauge.builder(meter).description(description).baseUnit(unit).tag("database", name)
        .register(registry);
  }

  @Override
  public void committed(long nanos) {
    commits.record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void redoLogForced(long nanos) {
    fsyncs.record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void checkpointed(long nanos) {
    checkpoints.record(nanos, TimeUnit.NANOSECONDS);
  }

  /** Measures every table now; a closed database reports none. */
  synchronized void refresh() {
    if (closed) {
      return;
    }
    List<TableSize> sizes;
    try {
      sizes = database.tableSizes();
    } catch (StorageException e) {
      LOG.warn("Cannot measure the tables of database {}: {}", name, e.getMessage());
      sizes = List.of();
    }
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    List<MultiGauge.Row<?>> bytes = new ArrayList<>();
    List<MultiGauge.Row<?>> index = new ArrayList<>();
    for (TableSize s : sizes) {
      Tags tags = Tags.of("schema", s.schema(), "table", s.table());
      rows.add(MultiGauge.Row.of(tags, s.rows()));
      bytes.add(MultiGauge.Row.of(tags, s.bytes()));
      index.add(MultiGauge.Row.of(tags, s.indexBytes()));
    }
    tableRows.register(rows, true);
    tableBytes.register(bytes, true);
    indexBytes.register(index, true);
  }

  /** Stops listening and removes every meter of this database. */
  synchronized void close() {
    closed = true;
    database.removeListener(this);
    tableRows.register(List.of(), true);
    tableBytes.register(List.of(), true);
    indexBytes.register(List.of(), true);
    for (Meter m : List.of(commits, fsyncs, checkpoints, databaseBytes)) {
      registry.remove(m);
    }
  }

  @Override
  public String toString() {
    return "metrics of database " + name;
  }
}
