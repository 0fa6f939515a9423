package dev.marble.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One mode of {@link ServerLoad} (remote or embedded): creates the documents table, preloads it,
 * opens one connection per client, then runs the clients for the warm-up and the measured time.
 */
final class LoadRun {
  private static final int PRELOAD_BATCH = 100;

  /** Opens a connection of the mode under test. */
  interface Connector {
    Connection open() throws SQLException;
  }

  /** The merged tally, the measured seconds, and how long the preload took. */
  record Measured(Tally tally, double seconds, double preloadSeconds) {}

  private LoadRun() {}

  static Measured run(Connector connector, LoadOptions options, Dataset data) throws SQLException,
      InterruptedException {
    double preloadSeconds = createAndPreload(connector, options, data);
    LoadClient.Plan plan = new LoadClient.Plan(connector, data, options.rows(), options.mix(),
        new AtomicLong(options.rows() + 1));
    List<LoadClient> clients = new ArrayList<>();
    for (int i = 0; i < options.clients(); i++) {
      LoadClient client = new LoadClient(plan, options.seed() * 1_000 + i);
      client.open();
      clients.add(client);
    }
    long measureFrom = System.nanoTime() + (long) (options.warmupSeconds() * 1e9);
    long end = measureFrom + (long) (options.seconds() * 1e9);
    ExecutorService pool = Executors.newFixedThreadPool(clients.size());
    Tally all = new Tally();
    try {
      List<Future<Tally>> running = new ArrayList<>();
      for (LoadClient client : clients) {
        running.add(pool.submit(() -> client.run(measureFrom, end)));
      }
      for (Future<Tally> f : running) {
        try {
          all.addAll(f.get());
        } catch (ExecutionException e) {
          // A client that could not reconnect: its operations are lost to the tally, not to the run.
          all.error("(client died)", String.valueOf(e.getCause()));
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return new Measured(all, options.seconds(), preloadSeconds);
  }

  private static double createAndPreload(Connector connector, LoadOptions options, Dataset data)
      throws SQLException {
    long t0 = System.nanoTime();
    try (Connection c = connector.open()) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE docs (id BIGINT PRIMARY KEY, account INT NOT NULL, "
            + "body VARCHAR(" + Dataset.MAX_PAYLOAD + ") NOT NULL, version INT NOT NULL)");
        s.execute("CREATE INDEX docs_account ON docs (account)");
      }
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO docs (id, account, body, version) "
          + "VALUES (?, ?, ?, 0)")) {
        for (long id = 1; id <= options.rows(); id++) {
          ps.setLong(1, id);
          ps.setInt(2, data.category(id));
          ps.setString(3, data.textPayload(id, 0));
          ps.addBatch();
          if (id % PRELOAD_BATCH == 0 || id == options.rows()) {
            ps.executeBatch();
            c.commit();
          }
        }
      }
    }
    return (System.nanoTime() - t0) / 1e9;
  }
}
