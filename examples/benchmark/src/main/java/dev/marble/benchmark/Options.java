package dev.marble.benchmark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command-line flags of {@link Benchmark}. Relative paths are resolved against the repository root
 * (passed by the exec configuration as {@code marble.benchmark.root}), because exec:exec runs the
 * program in examples/benchmark while people type paths relative to where they ran mvn.
 */
record Options(long rows, Path dir, List<Database> databases, Payload payload, Path out, double budgetSeconds,
    boolean keep, long seed, List<String> args) {

  /**
   * Which payload column type the main table gets. BOTH: binary for the main table (every
   * measurement but the search) and a second table with text payloads for the keyword search.
   */
  enum Payload { BINARY, TEXT, BOTH }

  static final String USAGE = String.join("\n",
      "Benchmark: the same workload on Marble, H2, SQLite and HSQLDB; writes benchmarks.md and .svg",
      "  --rows N            rows to load (default 200000; 1000000 for the published run)",
      "  --only a,b,...      databases to run, of marble,h2,sqlite,hsqldb (default all four)",
      "  --payload KIND      binary | text | both (default both: binary table, plus a text table for",
      "                      the keyword search); --text is short for --payload text",
      "  --dir PATH          scratch directory, one fresh subdirectory per database",
      "                      (default examples/benchmark/target/benchmark)",
      "  --keep              keep the database directories afterwards",
      "  --out DIR           where benchmarks.md and benchmarks.svg go (default docs); --out none: no files",
      "  --budget SECONDS    time budget of each timed loop; a loop stops there and reports what it",
      "                      completed, marked as partial (default 25)",
      "  --seed N            seed of the generated data (default 42)",
      "Relative paths are resolved against the repository root.");

  /** Whether the arguments ask for the usage text instead of a run. */
  static boolean wantsHelp(String[] argv) {
    return java.util.Arrays.asList(argv).contains("--help") || java.util.Arrays.asList(argv).contains("-h");
  }

  static Options parse(String[] argv) {
    Path root = Path.of(System.getProperty("marble.benchmark.root", "")).toAbsolutePath().normalize();
    long rows = 200_000;
    Path dir = root.resolve("examples/benchmark/target/benchmark");
    List<Database> databases = List.of(Database.values());
    Payload payload = Payload.BOTH;
    Path out = root.resolve("docs");
    double budget = 25;
    boolean keep = false;
    long seed = 42;
    for (int i = 0; i < argv.length; i++) {
      String a = argv[i];
      switch (a) {
        case "--rows" -> rows = Long.parseLong(value(argv, ++i, a).replace("_", ""));
        case "--dir" -> dir = root.resolve(value(argv, ++i, a)).normalize();
        case "--only" -> {
          List<Database> list = new ArrayList<>();
          for (String key : value(argv, ++i, a).split(",")) {
            list.add(Database.byKey(key));
          }
          databases = List.copyOf(list);
        }
        case "--payload" -> payload = Payload.valueOf(value(argv, ++i, a).toUpperCase(java.util.Locale.ROOT));
        case "--text" -> payload = Payload.TEXT;
        case "--out" -> {
          String v = value(argv, ++i, a);
          out = v.equals("none") ? null : root.resolve(v).normalize();
        }
        case "--budget" -> budget = Double.parseDouble(value(argv, ++i, a));
        case "--keep" -> keep = true;
        case "--seed" -> seed = Long.parseLong(value(argv, ++i, a));
        default -> throw new IllegalArgumentException("unknown option " + a + "\n" + USAGE);
      }
    }
    // Fewer than 1000 rows would leave categories empty and the 10% deletes at nothing.
    if (rows < 1000) {
      throw new IllegalArgumentException("--rows must be at least 1000");
    }
    return new Options(rows, dir, databases, payload, out, budget, keep, seed, List.of(argv));
  }

  private static String value(String[] argv, int i, String option) {
    if (i >= argv.length) {
      throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
    }
    return argv[i];
  }

  boolean binaryMain() {
    return payload != Payload.TEXT;
  }

  boolean search() {
    return payload != Payload.BINARY;
  }

  /** The command that repeats this run (without --dir, --keep and --out, which do not change numbers). */
  String command() {
    return repeatCommand(args, "mvn -q -pl examples/benchmark exec:exec -Dbenchmark.main=dev.marble.benchmark.Benchmark");
  }

  /** {@code base} with the run's arguments, less --dir, --keep and --out, which do not change numbers. */
  static String repeatCommand(List<String> args, String base) {
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--dir") || a.equals("--out")) {
        i++;
      } else if (!a.equals("--keep")) {
        kept.add(a);
      }
    }
    return kept.isEmpty() ? base : base + " -Dbenchmark.args=\"" + String.join(" ", kept) + "\"";
  }
}
