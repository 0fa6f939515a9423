package dev.marble.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The benchmark of issue 4: one command runs the same workload (bulk load, index build, point reads,
 * full scan against a raw file read, keyword search, secondary-index lookups, updates, deletes,
 * reopen, size on disk) on Marble, H2, SQLite and HSQLDB, one after the other in this JVM, and writes
 * docs/benchmarks.md and docs/benchmarks.svg from the numbers of that run.
 *
 * <p>Run (after {@code mvn -q install -DskipTests}):
 * {@code mvn -q -pl examples/benchmark exec:exec -Dbenchmark.main=dev.marble.benchmark.Benchmark
 * -Dbenchmark.args="--rows 200000"}; {@code --help} lists the flags ({@link Options}).
 *
 * <p>Classes: {@link Dataset} (the rows and the right answers), {@link Database} (per-database
 * settings), {@link Workload} with {@link WriteSteps} and {@link ReadSteps} (the measurements),
 * {@link Results}, {@link Report} and {@link SvgChart} (the output).
 */
public final class Benchmark {
  private Benchmark() {}

  public static void main(String[] args) throws Exception {
    if (Options.wantsHelp(args)) {
      System.out.println(Options.USAGE);
      return;
    }
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Files.createDirectories(options.dir());
    String when = ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z"));
    System.out.printf("Benchmark: N = %,d rows, payload %s, databases %s, budget %s s per timed loop%n",
        options.rows(), options.payload().name().toLowerCase(java.util.Locale.ROOT),
        options.databases().stream().map(d -> d.key).toList(), Results.format(options.budgetSeconds()));
    System.out.println("scratch directory " + options.dir());
    Map<String, String> machine = Machine.describe(options.dir());
    machine.forEach((k, v) -> System.out.println(k + ": " + v));

    long t0 = System.nanoTime();
    Dataset data = new Dataset(options.rows(), options.seed());
    Dataset.Expected expected = data.expected(options.search());
    System.out.printf("generated the expected answers in %.1f s: %,.0f MB of payload%s%n",
        (System.nanoTime() - t0) / 1e9, expected.payloadBytes() / 1e6, options.search()
            ? String.format(", rare word in %,d rows, common word in %,d rows", expected.rareRows(),
                expected.commonRows()) : "");

    List<Results> all = new ArrayList<>();
    int status = 0;
    try {
      for (Database db : options.databases()) {
        all.add(runOne(db, options, data, expected));
        // Written after every database, so that numbers survive a later database crashing the JVM.
        write(options, all, expected, machine, when);
      }
      printSummary(all);
      if (options.out() != null) {
        System.out.println("wrote " + options.out().resolve("benchmarks.md") + " and benchmarks.svg");
      }
    } catch (Throwable t) {
      // A failure outside one measurement (those are reported per step): the numbers written so far
      // stay; say what broke, with its stack, and exit non-zero.
      System.err.println("Benchmark failed: " + t);
      t.printStackTrace(System.err);
      status = 1;
    }
    // Databases may leave non-daemon threads behind; the run is over either way.
    System.exit(status);
  }

  private static void write(Options options, List<Results> all, Dataset.Expected expected,
      Map<String, String> machine, String when) throws IOException {
    if (options.out() == null) {
      return;
    }
    Files.createDirectories(options.out());
    Files.writeString(options.out().resolve("benchmarks.md"),
        new Report(options, all, expected, machine, when).markdown("benchmarks.svg"), StandardCharsets.UTF_8);
    Files.writeString(options.out().resolve("benchmarks.svg"), new SvgChart(all, options.rows()).render(),
        StandardCharsets.UTF_8);
  }

  /** One database in a fresh directory; whatever happens, its numbers so far come back. */
  private static Results runOne(Database db, Options options, Dataset data, Dataset.Expected expected) {
    Path dir = options.dir().resolve(db.key);
    System.out.println();
    System.out.println("== " + db.label + " in " + dir);
    long start = System.nanoTime();
    Results results;
    try {
      deleteTree(dir);
      System.gc(); // the previous database's garbage should not be collected on this one's time
      results = new Workload(db, dir, options, data, expected).run();
    } catch (Throwable t) {
      results = new Results(db);
      for (Measurement m : Measurement.values()) {
        results.fail(m, t);
      }
    }
    System.out.printf("== %s done in %.1f s%n", db.label, (System.nanoTime() - start) / 1e9);
    if (!options.keep()) {
      try {
        deleteTree(dir);
      } catch (IOException | RuntimeException e) {
        System.out.println("could not delete " + dir + ": " + e);
      }
    }
    return results;
  }

  private static void printSummary(List<Results> all) {
    System.out.println();
    StringBuilder head = new StringBuilder(String.format("%-48s", "measurement (headline number)"));
    all.forEach(r -> head.append(String.format("%14s", r.database.label)));
    System.out.println(head);
    for (Measurement m : Measurement.values()) {
      Metric h = Metric.headline(m);
      StringBuilder line = new StringBuilder(String.format("%-48s", m.label() + ", " + h.unit));
      for (Results r : all) {
        Results.Value v = r.get(h);
        String cell = v != null ? Results.format(v.number()) + (v.partial() ? "†" : "")
            : r.failure(m) != null ? "failed" : "-";
        line.append(String.format("%14s", cell));
      }
      System.out.println(line);
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
