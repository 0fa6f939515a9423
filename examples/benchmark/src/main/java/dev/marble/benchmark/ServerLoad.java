package dev.marble.benchmark;

import dev.marble.server.MarbleServer;
import dev.marble.server.ServerLimits;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * The load test of server mode: {@code --clients} threads, each with its own connection, run a mix
 * of point reads, range/index reads, inserts and update transactions for {@code --seconds} against
 * a {@link MarbleServer} in this JVM over loopback, then the same against the embedded driver; both
 * are checked for lost acknowledged writes ({@link LoadVerifier}) and the numbers go to the console
 * and docs/server-load.md ({@link LoadReport}).
 *
 * <p>Run: {@code mvn -B -pl examples/benchmark -am -Pserver-load -DskipTests verify}
 * (flags in {@code -Dbenchmark.args="..."}, {@code --help} lists them: {@link LoadOptions}).
 */
public final class ServerLoad {
  private static final String DATABASE = "docs";

  private ServerLoad() {}

  public static void main(String[] args) throws Exception {
    if (Options.wantsHelp(args)) {
      System.out.println(LoadOptions.USAGE);
      return;
    }
    LoadOptions options;
    try {
      options = LoadOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Benchmark.deleteTree(options.dir());
    Files.createDirectories(options.dir());
    String when = ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z"));
    Map<String, String> machine = Machine.describe(options.dir());
    String loadBefore = loadAverage();
    System.out.printf("ServerLoad: %d clients, %s s (+%s s warm-up) per mode, %,d rows, mix %s, sync=%s; "
        + "load average %s%n", options.clients(), Results.format(options.seconds()),
        Results.format(options.warmupSeconds()), options.rows(), options.mix(),
        options.sync().name().toLowerCase(java.util.Locale.ROOT), loadBefore);
    Dataset data = new Dataset(options.rows(), options.seed());
    LoadReport.Mode remote = remote(options, data);
    System.gc(); // the remote run's garbage should not be collected on the embedded run's time
    LoadReport.Mode embedded = embedded(options, data);
    LoadReport report = new LoadReport(options, List.of(remote, embedded));
    System.out.println();
    System.out.print(report.text());
    if (options.out() != null) {
      Files.createDirectories(options.out());
      Path file = options.out().resolve("server-load.md");
      Files.writeString(file, report.markdown(machine, when, loadBefore, loadAverage()), StandardCharsets.UTF_8);
      System.out.println("wrote " + file);
    }
    if (!options.keep()) {
      Benchmark.deleteTree(options.dir());
    }
    boolean clean = remote.verified().lost().isEmpty() && embedded.verified().lost().isEmpty()
        && remote.measured().tally().errors.isEmpty() && embedded.measured().tally().errors.isEmpty();
    // Jetty and the databases may leave non-daemon threads behind; the run is over either way.
    System.exit(clean ? 0 : 1);
  }

  /** Against a server in this JVM; verified through a second server started on the same directory. */
  private static LoadReport.Mode remote(LoadOptions options, Dataset data) throws Exception {
    Path dir = options.dir().resolve("remote");
    String password = "load-" + UUID.randomUUID();
    Properties admin = new Properties();
    admin.setProperty("user", "admin");
    admin.setProperty("password", password);
    LoadRun.Measured measured;
    try (MarbleServer server = start(dir, password, options)) {
      String url = server.url(DATABASE);
      System.out.println("remote: " + url);
      measured = LoadRun.run(() -> DriverManager.getConnection(url, admin), options, data);
    }
    progress("remote", measured);
    try (MarbleServer server = start(dir, password, options);
        Connection c = DriverManager.getConnection(server.url(DATABASE), admin)) {
      return new LoadReport.Mode("remote", measured, LoadVerifier.check(c, measured.tally().ledger, options.rows()));
    }
  }

  private static MarbleServer start(Path dir, String password, LoadOptions options) {
    return MarbleServer.builder(dir).port(0).adminPassword(password).sync(options.sync())
        .limits(ServerLimits.DEFAULTS.withMaxConnections(Math.max(100, options.clients() + 8))).start();
  }

  /** The same on the embedded driver in a fresh directory; verified after its last connection closed. */
  private static LoadReport.Mode embedded(LoadOptions options, Dataset data) throws Exception {
    String url = "jdbc:marble:" + options.dir().resolve("embedded").resolve(DATABASE) + ";sync="
        + options.sync().name().toLowerCase(java.util.Locale.ROOT);
    System.out.println("embedded: " + url);
    LoadRun.Measured measured = LoadRun.run(() -> DriverManager.getConnection(url), options, data);
    progress("embedded", measured);
    try (Connection c = DriverManager.getConnection(url)) {
      return new LoadReport.Mode("embedded", measured, LoadVerifier.check(c, measured.tally().ledger, options.rows()));
    }
  }

  private static void progress(String mode, LoadRun.Measured m) {
    System.out.printf("%s: preload %.1f s, %,d operations measured, %d errors, %d conflicts retried%n", mode,
        m.preloadSeconds(), m.tally().overall().count(), m.tally().errorCount(), m.tally().retries);
  }

  /** The 1, 5 and 15 minute load averages (Linux), or the 1 minute one the JVM reports elsewhere. */
  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return parts[0] + ", " + parts[1] + ", " + parts[2];
    } catch (java.io.IOException | RuntimeException e) {
      return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }
}
