package dev.marble.jdbc.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash loop: a child JVM runs money transfers ({@code ChildProcess bank}) from two threads, is
 * killed with SIGKILL at a random moment, and the database is reopened in this JVM (the recovery
 * path) and checked: money is neither created nor destroyed, every acknowledged commit is there,
 * and the ledger agrees exactly with the balances (no transaction half-applied across tables).
 * Then the next cycle starts a new child on the same directory.
 *
 * <p>{@code -Dmarble.crash.cycles=N} (default 3; the {@code crash} Maven profile runs hundreds),
 * {@code -Dmarble.crash.seed=S} repeats a run, {@code -Dmarble.crash.settings=;key=value} adds URL
 * settings (e.g. {@code ;sync=normal}).
 */
class CrashLoopTest {
  private static final int ACCOUNTS = ChildProcess.ACCOUNTS;
  private static final long OPENING = ChildProcess.OPENING_BALANCE;

  @TempDir
  Path tmp;

  /** What one cycle did, for the report printed at the end. */
  private record Cycle(int number, int acks, int retries, long killAfterMs, long startMs,
      long reopenMs, long checkMs, long ledgerRows, long unacknowledgedCommits) {}

  @Test
  void killedTransfersLeaveBalancesAndLedgerInAgreement() throws Exception {
    int cycles = Integer.getInteger("marble.crash.cycles", 3);
    long seed = Long.getLong("marble.crash.seed", System.nanoTime());
    String url = "jdbc:marble:" + tmp.resolve("bank") + System.getProperty("marble.crash.settings", "");
    Random random = new Random(seed);
    BitSet everAcked = new BitSet();
    List<Cycle> done = new ArrayList<>();
    try {
      for (int i = 1; i <= cycles; i++) {
        done.add(cycle(i, url, random, everAcked));
      }
    } finally {
      report(seed, cycles, done);
    }
  }

  private Cycle cycle(int number, String url, Random random, BitSet everAcked) throws Exception {
    long started = System.nanoTime();
    List<String> output = new ArrayList<>();
    long killAfter = 300 + random.nextInt(2701);
    long startMs;
    try (Children child = Children.start(true, "bank", url, Long.toString(random.nextLong()))) {
      // Wait for the first acknowledged transfer, keeping every line for the diagnosis.
      String line;
      do {
        line = child.next(180);
        if (line != null) {
          output.add(line);
        }
      } while (line != null && !line.startsWith("ACK ") && !line.startsWith("ERROR")
          && !line.startsWith("SQLSTATE") && !line.startsWith("MESSAGE"));
      if (line == null || !line.startsWith("ACK ")) {
        output.addAll(child.killAndCollect());
        fail("cycle " + number + ": the child acknowledged no transfer; its output:\n" + tail(output));
      }
      startMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      Thread.sleep(killAfter);
      boolean alive = child.isAlive();
      output.addAll(child.killAndCollect());
      assertTrue(alive, () -> "cycle " + number + ": the child died before it was killed:\n" + tail(output));
    }
    List<String> errors = output.stream().filter(l -> l.startsWith("ERROR")).toList();
    assertTrue(errors.isEmpty(), () -> "cycle " + number + ": the child reported errors: " + errors);
    BitSet acked = new BitSet();
    int retries = 0;
    for (String line : output) {
      if (line.startsWith("ACK ")) {
        acked.set(Math.toIntExact(Long.parseLong(line.substring(4).trim())));
      } else if (line.startsWith("RETRY")) {
        retries++;
      }
    }
    everAcked.or(acked);

    long t0 = System.nanoTime();
    Connection c;
    try {
      c = DriverManager.getConnection(url);
    } catch (SQLException e) {
      throw new AssertionError("cycle " + number + ": the database does not open after the kill: "
          + e.getSQLState() + " " + e.getMessage(), e);
    }
    long reopenMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    long t1 = System.nanoTime();
    long ledgerRows;
    long unacknowledged;
    try (c) {
      long[] balance = new long[ACCOUNTS + 1];
      int accounts = 0;
      long total = 0;
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, balance FROM account")) {
        while (rs.next()) {
          int id = rs.getInt(1);
          assertTrue(id >= 1 && id <= ACCOUNTS, "cycle " + number + ": unexpected account " + id);
          balance[id] = rs.getLong(2);
          total += balance[id];
          accounts++;
        }
      }
      assertEquals(ACCOUNTS, accounts, "cycle " + number + ": accounts");
      assertEquals(ACCOUNTS * OPENING, total,
          "cycle " + number + ": total balance (money created or destroyed: a transfer half-applied or lost)");

      long[] expected = new long[ACCOUNTS + 1];
      java.util.Arrays.fill(expected, OPENING);
      BitSet ledger = new BitSet();
      long[] fromAccount = new long[ACCOUNTS + 1];
      long[] toAccount = new long[ACCOUNTS + 1];
      ledgerRows = 0;
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT id, src, dst, amount FROM ledger")) {
        while (rs.next()) {
          int id = Math.toIntExact(rs.getLong(1));
          int src = rs.getInt(2);
          int dst = rs.getInt(3);
          long amount = rs.getLong(4);
          assertTrue(src >= 1 && src <= ACCOUNTS && dst >= 1 && dst <= ACCOUNTS && src != dst
              && amount >= 1 && amount <= 100, "cycle " + number + ": damaged ledger row " + id);
          expected[src] -= amount;
          fromAccount[src]++;
          expected[dst] += amount;
          toAccount[dst]++;
          ledger.set(id);
          ledgerRows++;
        }
      }
      try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM ledger WHERE src = ?");
          java.sql.PreparedStatement pd = c.prepareStatement("SELECT COUNT(*) FROM ledger WHERE dst = ?")) {
        for (int a = 1; a <= ACCOUNTS; a++) {
          ps.setInt(1, a);
          pd.setInt(1, a);
          try (ResultSet rs = ps.executeQuery(); ResultSet rd = pd.executeQuery()) {
            rs.next();
            rd.next();
            assertEquals(fromAccount[a], rs.getLong(1), "cycle " + number + ": the index on ledger.src disagrees "
                + "with the table for account " + a);
            assertEquals(toAccount[a], rd.getLong(1), "cycle " + number + ": the foreign key index on ledger.dst "
                + "disagrees with the table for account " + a);
          }
        }
      }
      BitSet missing = (BitSet) everAcked.clone();
      missing.andNot(ledger);
      assertTrue(missing.isEmpty(), () -> "cycle " + number + ": " + missing.cardinality()
          + " acknowledged commits are missing from the ledger, e.g. ids " + first(missing, 10)
          + " (acknowledged this cycle: " + acked.cardinality() + ")");
      List<String> disagree = new ArrayList<>();
      for (int a = 1; a <= ACCOUNTS; a++) {
        if (expected[a] != balance[a]) {
          disagree.add("account " + a + ": balance " + balance[a] + ", ledger says " + expected[a]);
        }
      }
      assertTrue(disagree.isEmpty(), () -> "cycle " + number
          + ": ledger and balances disagree (a transfer half-applied across tables): " + disagree);
      BitSet extra = (BitSet) ledger.clone();
      extra.andNot(everAcked);
      unacknowledged = extra.cardinality();
    }
    long checkMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t1);
    return new Cycle(number, acked.cardinality(), retries, killAfter, startMs, reopenMs, checkMs,
        ledgerRows, unacknowledged);
  }

  private static String first(BitSet bits, int n) {
    List<Integer> out = new ArrayList<>();
    for (int i = bits.nextSetBit(0); i >= 0 && out.size() < n; i = bits.nextSetBit(i + 1)) {
      out.add(i);
    }
    return out.toString();
  }

  private static String tail(List<String> lines) {
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  private static void report(long seed, int planned, List<Cycle> done) {
    StringBuilder out = new StringBuilder();
    out.append("CrashLoopTest: seed ").append(seed).append(", ").append(done.size()).append(" of ")
        .append(planned).append(" cycles passed\n");
    out.append("cycle  acks  retries  killAfterMs  firstAckMs  reopenMs  checkMs  ledgerRows  committedUnacked\n");
    long acks = 0;
    long retries = 0;
    List<Long> reopen = new ArrayList<>();
    for (Cycle c : done) {
      out.append(String.format("%5d %5d %8d %12d %11d %9d %8d %11d %17d%n", c.number(), c.acks(),
          c.retries(), c.killAfterMs(), c.startMs(), c.reopenMs(), c.checkMs(), c.ledgerRows(),
          c.unacknowledgedCommits()));
      acks += c.acks();
      retries += c.retries();
      reopen.add(c.reopenMs());
    }
    if (!done.isEmpty()) {
      reopen.sort(null);
      out.append(String.format("total: %d cycles, %d ACKs, %d retries; reopen ms min %d, median %d, max %d%n",
          done.size(), acks, retries, reopen.get(0), reopen.get(reopen.size() / 2),
          reopen.get(reopen.size() - 1)));
    }
    System.out.print(out);
    System.out.flush();
  }
}
