package dev.marble.examples.flyway;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Flyway on Marble: the URL is all Flyway needs, the Marble plugin inside marble-jdbc is found by
 * itself. Migrates the database (default {@value #DEFAULT_URL}) with the scripts of
 * {@code src/main/resources/db/migration} and prints the history.
 */
public final class FlywayExample {
  static final String DEFAULT_URL = "jdbc:marble:./target/flyway-example";

  private FlywayExample() {}

  /** Flyway for {@code url}: the scripts in classpath:db/migration (Flyway's default location). */
  static Flyway flyway(String url) {
    return Flyway.configure().dataSource(url, "", "").load();
  }

  public static void main(String[] args) {
    String url = args.length > 0 ? args[0] : DEFAULT_URL;
    Flyway flyway = flyway(url);
    MigrateResult result = flyway.migrate();
    System.out.println("Applied " + result.migrationsExecuted + " migrations to " + url);
    for (MigrationInfo info : flyway.info().all()) {
      System.out.printf("%-4s %-28s %s%n", info.getVersion() == null ? "R" : info.getVersion(),
          info.getDescription(), info.getState());
    }
  }
}
