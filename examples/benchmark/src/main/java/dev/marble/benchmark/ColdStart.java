package dev.marble.benchmark;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What an application pays from {@code java} to its first answer: creates a database of N rows, then
 * starts a fresh JVM per run (same java, JVM options and class path as this one) that opens it and
 * runs one {@code SELECT ... WHERE id = ?}. Prints each child's wall time and its split: JVM start
 * (until main), open (getConnection), first query, and close plus exit. LoadRows measures the same
 * reopen in a warm JVM.
 *
 * <p>Run: {@code mvn -q -pl examples/benchmark exec:exec -Dbenchmark.main=dev.marble.benchmark.ColdStart
 * -Dbenchmark.args="100000 /path/to/new/dir 3"} (rows, a directory to create the database in, runs).
 */
public final class ColdStart {
  /** Starts the child's one line of numbers, whatever else it prints. */
  private static final String REPORT = "cold-start ms: ";

  private ColdStart() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--child")) {
      child(args[1], Long.parseLong(args[2]), Long.parseLong(args[3]));
      return;
    }
    long rows = args.length > 0 ? Long.parseLong(args[0]) : 100_000;
    Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("marble-cold");
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    String url = "jdbc:marble:" + dir.resolve("db");
    load(url, rows);
    System.out.printf("%,d rows in %s; each run is a new JVM that opens it and looks up one id%n", rows, dir);
    for (int run = 1; run <= runs; run++) {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
      command.addAll(List.of("-cp", System.getProperty("java.class.path"), ColdStart.class.getName(), "--child",
          url + ";create=false", Long.toString(1 + rows / 2)));
      long started = System.nanoTime();
      command.add(Long.toString(System.currentTimeMillis()));  // the child's JVM start is measured from here
      Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      long[] ms = null;
      try (BufferedReader out =
          new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = out.readLine()) != null; ) {
          if (line.startsWith(REPORT)) {
            ms = Stream.of(line.substring(REPORT.length()).split(" ")).mapToLong(Long::parseLong).toArray();
          } else {
            System.out.println(line);
          }
        }
      }
      int status = child.waitFor();
      long wall = (System.nanoTime() - started) / 1_000_000;
      if (status != 0 || ms == null) {
        throw new IllegalStateException("the child JVM failed (exit status " + status + ")");
      }
      System.out.printf("run %d: %,6d ms = JVM start %,5d + open %,5d + first query %,5d + close and exit %,5d%n",
          run, wall, ms[0], ms[1], ms[2], wall - ms[0] - ms[1] - ms[2]);
    }
  }

  /** Creates the table LoadRows uses, with {@code rows} rows. */
  private static void load(String url, long rows) throws Exception {
    try (Connection c = DriverManager.getConnection(url)) {
      LoadRows.fill(c, rows, i -> { });
    }
  }

  /** In the child JVM: prints REPORT, then JVM start, open and first query in ms. */
  private static void child(String url, long id, long spawnedAtMillis) throws Exception {
    long jvmStart = System.currentTimeMillis() - spawnedAtMillis;
    long t0 = System.nanoTime();
    try (Connection c = DriverManager.getConnection(url)) {
      long t1 = System.nanoTime();
      try (PreparedStatement ps = c.prepareStatement("SELECT title FROM big WHERE id = ?")) {
        ps.setLong(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw new IllegalStateException("row " + id + " not found");
          }
        }
      }
      long t2 = System.nanoTime();
      System.out.println(REPORT + jvmStart + " " + (t1 - t0) / 1_000_000 + " " + (t2 - t1) / 1_000_000);
    }
  }
}
