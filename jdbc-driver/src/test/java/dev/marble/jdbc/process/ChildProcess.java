package dev.marble.jdbc.process;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The other process in multi-process tests, started by {@link Children}. Modes: {@code connect URL}
 * (prints the outcome), {@code hold URL} (keeps the database open until killed), {@code write URL}
 * (inserts rows one per transaction, printing each id after its commit returned, until killed),
 * {@code bank URL seed [threads]} (transfers between accounts from several threads, see {@link
 * #bank}).
 */
public final class ChildProcess {
  private ChildProcess() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    String url = args[1];
    try (Connection c = DriverManager.getConnection(url)) {
      System.out.println("CONNECTED");
      System.out.flush();
      switch (mode) {
        case "connect" -> { }
        case "hold" -> Thread.sleep(Long.MAX_VALUE);
        case "write" -> write(c);
        case "bank" -> bank(c, url, Long.parseLong(args[2]),
            args.length > 3 ? Integer.parseInt(args[3]) : 2);
        default -> throw new IllegalArgumentException(mode);
      }
    } catch (SQLException e) {
      System.out.println("SQLSTATE " + e.getSQLState());
      System.out.println("MESSAGE " + e.getMessage());
    }
  }

  private static void write(Connection c) throws SQLException {
    c.createStatement().execute("CREATE TABLE IF NOT EXISTS ledger (id BIGINT PRIMARY KEY, "
        + "payload VARCHAR(200), amount DECIMAL(10,2))");
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO ledger VALUES (?, ?, ?)")) {
      for (long id = 1; ; id++) {
        ps.setLong(1, id);
        ps.setString(2, "entry " + id + " " + "p".repeat((int) (id % 150)));
        ps.setBigDecimal(3, java.math.BigDecimal.valueOf(id, 2));
        ps.executeUpdate();
        System.out.println("ACK " + id);
      }
    }
  }

  /** Accounts of the bank mode, each created with {@link #OPENING_BALANCE}. */
  static final int ACCOUNTS = 50;
  static final long OPENING_BALANCE = 1000;

  /**
   * Money transfers with invariants across two tables: {@code account(id, balance)} ({@link
   * #ACCOUNTS} rows created in one transaction if absent) and {@code ledger(id, src, dst, amount)}.
   * Each of {@code threads} threads, on its own connection, moves a random amount between two random
   * accounts and records it in the ledger, all in one transaction, and prints {@code ACK <ledger
   * id>} only after commit() returned. Serialization failures and deadlocks (SQLState 40001, 40P01)
   * are rolled back and retried, never acknowledged; any other error prints {@code ERROR state
   * message} and stops that thread. Runs until killed.
   */
  private static void bank(Connection c, String url, long seed, int threads) throws Exception {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS account (id INT PRIMARY KEY, balance BIGINT NOT NULL)");
      // dst's foreign key brings its own index, which the check reads after each kill too
      s.execute("CREATE TABLE IF NOT EXISTS ledger (id BIGINT PRIMARY KEY, src INT, dst INT REFERENCES account,"
          + " amount BIGINT)");
      boolean indexed = false;
      try (ResultSet rs = c.getMetaData().getIndexInfo(null, "PUBLIC", "LEDGER", false, false)) {
        while (rs.next()) {
          indexed |= "LEDGER_SRC".equals(rs.getString("INDEX_NAME"));
        }
      }
      if (!indexed) {
        s.execute("CREATE INDEX ledger_src ON ledger (src)"); // the check reads it after each kill
      }
      long accounts;
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM account")) {
        rs.next();
        accounts = rs.getLong(1);
      }
      if (accounts == 0) {
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO account VALUES (?, ?)")) {
          for (int id = 1; id <= ACCOUNTS; id++) {
            ps.setInt(1, id);
            ps.setLong(2, OPENING_BALANCE);
            ps.executeUpdate();
          }
        }
        c.commit();
        c.setAutoCommit(true);
      }
      long last;
      try (ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(id), 0) FROM ledger")) {
        rs.next();
        last = rs.getLong(1);
      }
      System.out.println("READY " + last);
      System.out.flush();
      AtomicLong ids = new AtomicLong(last);
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Random random = new Random(seed * 31 + t);
        Thread worker = new Thread(() -> transfers(url, random, ids), "bank-" + t);
        worker.start();
        workers.add(worker);
      }
      for (Thread worker : workers) {
        worker.join();
      }
    }
  }

  private static void transfers(String url, Random random, AtomicLong ids) {
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement debit = c.prepareStatement("UPDATE account SET balance = balance - ? WHERE id = ?");
        PreparedStatement credit = c.prepareStatement("UPDATE account SET balance = balance + ? WHERE id = ?");
        PreparedStatement record = c.prepareStatement("INSERT INTO ledger VALUES (?, ?, ?, ?)")) {
      c.setAutoCommit(false);
      while (true) {
        int src = 1 + random.nextInt(ACCOUNTS);
        int dst = 1 + random.nextInt(ACCOUNTS - 1);
        if (dst >= src) {
          dst++;
        }
        long amount = 1 + random.nextInt(100);
        while (true) {
          long id = ids.incrementAndGet();
          try {
            debit.setLong(1, amount);
            debit.setInt(2, src);
            expectOne(debit.executeUpdate(), "debit", src);
            credit.setLong(1, amount);
            credit.setInt(2, dst);
            expectOne(credit.executeUpdate(), "credit", dst);
            record.setLong(1, id);
            record.setInt(2, src);
            record.setInt(3, dst);
            record.setLong(4, amount);
            record.executeUpdate();
            c.commit();
          } catch (SQLException e) {
            try {
              c.rollback();
            } catch (SQLException ignored) {
              // reported through e below if it matters
            }
            if ("40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState())) {
              System.out.println("RETRY " + e.getSQLState());
              continue;
            }
            throw e;
          }
          System.out.println("ACK " + id);
          System.out.flush();
          break;
        }
      }
    } catch (SQLException e) {
      System.out.println("ERROR " + e.getSQLState() + " " + e.getMessage());
      System.out.flush();
    } catch (RuntimeException e) {
      System.out.println("ERROR " + e);
      System.out.flush();
    }
  }

  private static void expectOne(int count, String what, int account) throws SQLException {
    if (count != 1) {
      throw new SQLException(what + " of account " + account + " changed " + count + " rows", "XX000");
    }
  }
}
