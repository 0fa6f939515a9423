package dev.marble.seed;

import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the demo database's migrations (a small shop and a table of generated documents) to a
 * Marble database with Flyway. Applying them again changes nothing.
 *
 * <p>{@code java -cp ... dev.marble.seed.Seed [jdbc-url]} (default {@value #DEFAULT_URL});
 * {@code -Dmarble.seed.documents=N} sets how many documents are generated (default
 * {@value dev.marble.seed.migration.V3__Documents#DEFAULT_COUNT}).
 */
public final class Seed {
  public static final String DEFAULT_URL = "jdbc:marble:./data/marble";
  /** Where Flyway finds the SQL scripts and the Java migration. */
  public static final String LOCATION = "classpath:dev/marble/seed/migration";
  public static final String DOCUMENTS_PROPERTY = "marble.seed.documents";

  private Seed() {}

  /** Seeds {@code url} with the number of documents {@value #DOCUMENTS_PROPERTY} asks for. */
  public static MigrateResult migrate(String url) {
    String documents = System.getProperty(DOCUMENTS_PROPERTY);
    return documents == null ? migrate(url, Map.of()) : migrate(url, Map.of("documents", documents));
  }

  /** Seeds {@code url} with {@code documents} generated documents (only when they are not there yet). */
  public static MigrateResult migrate(String url, int documents) {
    return migrate(url, Map.of("documents", Integer.toString(documents)));
  }

  private static MigrateResult migrate(String url, Map<String, String> placeholders) {
    return Flyway.configure()
        .dataSource(url, "", "")
        .locations(LOCATION)
        .placeholders(placeholders)
        .load()
        .migrate();
  }

  public static void main(String[] args) {
    if (args.length > 1) {
      System.err.println("usage: dev.marble.seed.Seed [jdbc:marble:...]");
      System.exit(2);
    }
    String url = args.length == 1 ? args[0] : DEFAULT_URL;
    MigrateResult result = migrate(url);
    System.out.println(result.migrationsExecuted == 0
        ? "Seed already applied to " + url + " (version " + result.initialSchemaVersion + ")"
        : "Seeded " + url + ": " + result.migrationsExecuted + " migrations, now at version "
            + result.targetSchemaVersion);
  }
}
