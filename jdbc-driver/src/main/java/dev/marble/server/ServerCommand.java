package dev.marble.server;

import dev.marble.jdbc.JvmFlags;
import dev.marble.jdbc.MarbleDriver;
import dev.marble.storage.RedoLog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bin/marble server}: runs a {@link MarbleServer} until SIGTERM or Ctrl-C. */
@Command(name = "marble server", mixinStandardHelpOptions = true, versionProvider = ServerCommand.Version.class,
    sortOptions = false, usageHelpAutoWidth = true,
    description = "Serves the databases in a directory to jdbc:marble:remote://host:port/<database> clients.%n"
        + "Each database is a folder under --dir, created when a client first names it.")
public final class ServerCommand implements Callable<Integer> {
  @Option(names = "--dir", defaultValue = "./data", description = "directory of the databases (default ${DEFAULT-VALUE})")
  Path dir;

  @Option(names = "--port", defaultValue = "8765", description = "TCP port (default ${DEFAULT-VALUE}; 0: any free port)")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1",
      description = "address to listen on (default ${DEFAULT-VALUE}); another than loopback needs --tls-keystore or --insecure")
  String host;

  @Option(names = "--admin-password", description = "password of user ADMIN in databases that have no users "
      + "(default: the MARBLE_ADMIN_PASSWORD environment variable; one of them is required)")
  String adminPassword;

  @Option(names = "--tls-keystore", description = "serve HTTPS with the key and certificate in this PKCS12/JKS keystore")
  Path keystore;

  @Option(names = "--tls-keystore-password",
      description = "password of the keystore (default: the MARBLE_TLS_KEYSTORE_PASSWORD environment variable)")
  String keystorePassword;

  @Option(names = "--insecure", description = "allow plaintext HTTP on a non-loopback address")
  boolean insecure;

  @Option(names = "--max-connections", defaultValue = "100", description = "open connections, all databases (default ${DEFAULT-VALUE})")
  int maxConnections;

  @Option(names = "--statement-timeout", defaultValue = "0", converter = DurationConverter.class,
      description = "cancel statements running longer, e.g. 30s or 5m (default 0: never)")
  Duration statementTimeout;

  @Option(names = "--max-result-rows", defaultValue = "1000000",
      description = "fail results with more rows (default ${DEFAULT-VALUE}; 0: no limit)")
  long maxResultRows;

  @Option(names = "--idle-timeout", defaultValue = "10m", converter = DurationConverter.class,
      description = "close connections idle this long, rolling back their transactions (default ${DEFAULT-VALUE})")
  Duration idleTimeout;

  @Option(names = "--sync", defaultValue = "full", description = "commit durability: full, normal or off (default ${DEFAULT-VALUE})")
  String sync;

  public static void main(String[] args) {
    CommandLine cli = new CommandLine(new ServerCommand());
    cli.setExecutionExceptionHandler((e, line, parsed) -> {
      if (e instanceof ServerException s) {
        line.getErr().println("marble server: " + s.getMessage());
        return s.exitStatus();
      }
      throw e;
    });
    System.exit(cli.execute(args));
  }

  @Override
  public Integer call() throws InterruptedException {
    List<String> missing = JvmFlags.missing();
    if (!missing.isEmpty()) {
      throw new ServerException(ServerException.Code.BAD_OPTION, "The JVM lacks options Chronicle Map needs: "
          + String.join(" ", missing));
    }
    String password = adminPassword != null ? adminPassword : System.getenv("MARBLE_ADMIN_PASSWORD");
    MarbleServer.Builder builder = MarbleServer.builder(dir).host(host).port(port).adminPassword(password)
        .insecure(insecure).sync(syncMode())
        .limits(ServerLimits.DEFAULTS.withMaxConnections(maxConnections).withStatementTimeout(statementTimeout)
            .withMaxResultRows(maxResultRows).withIdleTimeout(idleTimeout));
    if (keystore != null) {
      String kp = keystorePassword != null ? keystorePassword : System.getenv("MARBLE_TLS_KEYSTORE_PASSWORD");
      builder.tls(keystore, kp == null ? "" : kp);
    }
    MarbleServer server = builder.start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "marble-server-shutdown"));
    System.out.println("Marble server " + MarbleDriver.VERSION + " listening on port " + server.port()
        + "; clients connect with " + server.url("<database>"));
    server.join();
    return 0;
  }

  private RedoLog.Sync syncMode() {
    try {
      return RedoLog.Sync.valueOf(sync.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ServerException(ServerException.Code.BAD_OPTION, "--sync must be full, normal or off, not " + sync);
    }
  }

  /** Durations as 250ms, 30s, 5m, 1h, or a plain number of seconds. */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern FORM = Pattern.compile("(\\d+)(ms|s|m|h)?");

    @Override
    public Duration convert(String value) {
      Matcher m = FORM.matcher(value.trim().toLowerCase(Locale.ROOT));
      if (!m.matches()) {
        throw new CommandLine.TypeConversionException("'" + value + "' is not a duration such as 250ms, 30s, 5m or 1h");
      }
      long n = Long.parseLong(m.group(1));
      String unit = m.group(2) == null ? "s" : m.group(2);
      return switch (unit) {
        case "ms" -> Duration.ofMillis(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofSeconds(n);
      };
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"Marble " + MarbleDriver.VERSION};
    }
  }
}
