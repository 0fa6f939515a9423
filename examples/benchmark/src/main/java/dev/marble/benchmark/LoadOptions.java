package dev.marble.benchmark;

import dev.marble.storage.RedoLog;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Command-line flags of {@link ServerLoad}, parsed like {@link Options}: relative paths against the
 * repository root that the exec configuration passes as {@code marble.benchmark.root}.
 */
record LoadOptions(int clients, double seconds, double warmupSeconds, long rows, Mix mix, RedoLog.Sync sync,
    Path dir, Path out, boolean keep, long seed, List<String> args) {

  /** Shares of the operations in percent; they add up to 100. */
  record Mix(int read, int range, int insert, int update) {
    Mix {
      if (read < 0 || range < 0 || insert < 0 || update < 0 || read + range + insert + update != 100) {
        throw new IllegalArgumentException("--mix needs four shares >= 0 that add up to 100, not "
            + read + "," + range + "," + insert + "," + update);
      }
    }

    static Mix parse(String text) {
      String[] parts = text.split(",");
      if (parts.length != 4) {
        throw new IllegalArgumentException("--mix needs four shares: read,range,insert,update (e.g. 70,10,15,5)");
      }
      int[] v = Arrays.stream(parts).mapToInt(p -> Integer.parseInt(p.trim())).toArray();
      return new Mix(v[0], v[1], v[2], v[3]);
    }

    /** The operation for a uniform draw in 0..99. */
    LoadKind pick(int draw) {
      if (draw < read) {
        return LoadKind.READ;
      }
      if (draw < read + range) {
        return LoadKind.RANGE;
      }
      return draw < read + range + insert ? LoadKind.INSERT : LoadKind.UPDATE;
    }

    @Override
    public String toString() {
      return read + "," + range + "," + insert + "," + update;
    }
  }

  static final String USAGE = String.join("\n",
      "ServerLoad: concurrent clients on a Marble server over loopback, then the same on the embedded",
      "driver in the same JVM; checks that no acknowledged write was lost; writes docs/server-load.md",
      "  --clients N         client threads, each with its own connection (default 32)",
      "  --seconds S         measured time of each mode (default 60)",
      "  --warmup S          time before that, run but not measured (default 5)",
      "  --rows N            documents preloaded before the clients start (default 20000)",
      "  --mix R,G,I,U       percent of point reads, range/index reads, inserts, update transactions",
      "                      (default 70,10,15,5)",
      "  --sync MODE         commit durability of both modes: full (default: fsync before commit returns),",
      "                      normal or off",
      "  --dir PATH          scratch directory (default examples/benchmark/target/server-load)",
      "  --keep              keep the databases afterwards",
      "  --out DIR           where server-load.md goes (default docs); --out none: no file",
      "  --seed N            seed of the generated data and of the clients' choices (default 42)",
      "Relative paths are resolved against the repository root.");

  static LoadOptions parse(String[] argv) {
    Path root = Path.of(System.getProperty("marble.benchmark.root", "")).toAbsolutePath().normalize();
    int clients = 32;
    double seconds = 60;
    double warmup = 5;
    long rows = 20_000;
    Mix mix = new Mix(70, 10, 15, 5);
    RedoLog.Sync sync = RedoLog.Sync.FULL;
    Path dir = root.resolve("examples/benchmark/target/server-load");
    Path out = root.resolve("docs");
    boolean keep = false;
    long seed = 42;
    for (int i = 0; i < argv.length; i++) {
      String a = argv[i];
      switch (a) {
        case "--clients" -> clients = Integer.parseInt(value(argv, ++i, a));
        case "--seconds" -> seconds = Double.parseDouble(value(argv, ++i, a));
        case "--warmup" -> warmup = Double.parseDouble(value(argv, ++i, a));
        case "--rows" -> rows = Long.parseLong(value(argv, ++i, a).replace("_", ""));
        case "--mix" -> mix = Mix.parse(value(argv, ++i, a));
        case "--sync" -> sync = RedoLog.Sync.valueOf(value(argv, ++i, a).toUpperCase(java.util.Locale.ROOT));
        case "--dir" -> dir = root.resolve(value(argv, ++i, a)).normalize();
        case "--keep" -> keep = true;
        case "--out" -> {
          String v = value(argv, ++i, a);
          out = v.equals("none") ? null : root.resolve(v).normalize();
        }
        case "--seed" -> seed = Long.parseLong(value(argv, ++i, a));
        default -> throw new IllegalArgumentException("unknown option " + a + "\n" + USAGE);
      }
    }
    // Point reads and updates pick among the preloaded ids; a handful would make every update conflict.
    if (clients < 1 || seconds <= 0 || warmup < 0 || rows < 100) {
      throw new IllegalArgumentException("need --clients >= 1, --seconds > 0, --warmup >= 0, --rows >= 100");
    }
    return new LoadOptions(clients, seconds, warmup, rows, mix, sync, dir, out, keep, seed, List.of(argv));
  }

  private static String value(String[] argv, int i, String option) {
    if (i >= argv.length) {
      throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
    }
    return argv[i];
  }

  /** The command that repeats this run (without --dir, --keep and --out, which do not change numbers). */
  String command() {
    return Options.repeatCommand(args, "mvn -B -pl examples/benchmark -am -Pserver-load -DskipTests verify");
  }
}
