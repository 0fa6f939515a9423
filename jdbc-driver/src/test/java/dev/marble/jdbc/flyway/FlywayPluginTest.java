package dev.marble.jdbc.flyway;

import static dev.marble.jdbc.flyway.FlywayMigrations.HISTORY;
import static dev.marble.jdbc.flyway.FlywayMigrations.count;
import static dev.marble.jdbc.flyway.FlywayMigrations.flyway;
import static dev.marble.jdbc.flyway.FlywayMigrations.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Flyway through its public API on a {@code jdbc:marble:} URL alone (the plugin is found by the
 * service loader), on an in-memory and a file database. An in-memory database lives while a
 * connection is open, so each test keeps one ({@link #keeper}) across Flyway's own connections.
 */
class FlywayPluginTest {
  @TempDir
  Path tmp;

  private String url;
  private Connection keeper;

  private static final String V1 = """
      -- people and their cities; a comment with a ; inside
      CREATE TABLE city (id INT PRIMARY KEY, name VARCHAR(50) NOT NULL UNIQUE);
      /* block comment;
         spanning lines */
      CREATE TABLE person (
        id INT PRIMARY KEY,
        name VARCHAR(100) NOT NULL,
        city_id INT,
        note VARCHAR(200) CHECK (note <> '')
      );
      CREATE INDEX person_city ON person (city_id);
      CREATE SEQUENCE person_seq START WITH 100;
      INSERT INTO city VALUES (1, 'Lyon'), (2, 'Porto');
      INSERT INTO person VALUES (1, 'Ana', 1, 'likes ; semicolons'), (2, 'Bo', 2, 'it''s -- not a comment');
      """;

  private static final String V2 = """
      ALTER TABLE person ADD COLUMN email VARCHAR(100);
      UPDATE person SET email = 'ana@example.org' WHERE id = 1;
      """;

  private static final String R_VIEW = """
      CREATE OR REPLACE VIEW person_city_view AS
        SELECT p.name AS person, c.name AS city FROM person p JOIN city c ON p.city_id = c.id;
      """;

  void open(String backend) throws SQLException {
    url = backend.equals("mem") ? "jdbc:marble:mem:fw-" + UUID.randomUUID() : "jdbc:marble:" + tmp.resolve("db");
    keeper = DriverManager.getConnection(url);
  }

  @AfterEach
  void close() throws SQLException {
    if (keeper != null) {
      keeper.close();
    }
  }

  private Path scripts() {
    Path dir = tmp.resolve("migrations");
    write(dir, "V1__people.sql", V1);
    write(dir, "V2__email.sql", V2);
    write(dir, "R__person_city_view.sql", R_VIEW);
    return dir;
  }

  @ParameterizedTest
  @ValueSource(strings = {"mem", "file"})
  void migrateInfoValidateAndNoOpRerun(String backend) throws SQLException {
    open(backend);
    Flyway flyway = flyway(url, scripts()).load();
    MigrateResult result = flyway.migrate();
    assertEquals(3, result.migrationsExecuted);
    assertEquals("2", result.targetSchemaVersion);

    assertEquals(2, count(keeper, "SELECT COUNT(*) FROM person"));
    assertEquals(1, count(keeper, "SELECT COUNT(*) FROM person WHERE note = 'likes ; semicolons'"));
    assertEquals(1, count(keeper, "SELECT COUNT(*) FROM person WHERE note = 'it''s -- not a comment'"));
    assertEquals(1, count(keeper, "SELECT COUNT(*) FROM person_city_view WHERE person = 'Ana' AND city = 'Lyon'"));
    assertEquals(100, count(keeper, "SELECT NEXT VALUE FOR person_seq"));

    MigrationInfo[] applied = flyway.info().applied();
    assertEquals(3, applied.length);
    assertTrue(Arrays.stream(applied).allMatch(i -> i.getState() == MigrationState.SUCCESS), Arrays.toString(applied));
    assertEquals("2", flyway.info().current().getVersion().getVersion());
    flyway.validate();

    assertEquals(0, flyway.migrate().migrationsExecuted);
    assertEquals(3, count(keeper, "SELECT COUNT(*) FROM " + HISTORY));
    assertEquals(0, count(keeper, "SELECT COUNT(*) FROM " + HISTORY + " WHERE \"installed_rank\" < 1"),
        "no lock marker left behind");
  }

  @ParameterizedTest
  @ValueSource(strings = {"mem"})
  void repeatableMigrationRunsAgainWhenItsChecksumChanges(String backend) throws SQLException {
    open(backend);
    Path dir = scripts();
    flyway(url, dir).load().migrate();
    write(dir, "R__person_city_view.sql", R_VIEW.replace("c.name AS city", "UPPER(c.name) AS city"));
    Flyway flyway = flyway(url, dir).load();
    assertEquals(1, flyway.info().pending().length);
    assertEquals(1, flyway.migrate().migrationsExecuted);
    assertEquals(1, count(keeper, "SELECT COUNT(*) FROM person_city_view WHERE city = 'LYON'"));
    assertEquals(4, count(keeper, "SELECT COUNT(*) FROM " + HISTORY));
    assertEquals(0, flyway.migrate().migrationsExecuted);
  }

  /** Adds a row per city through the migration's JDBC connection. */
  static final class V3__City_rows extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws Exception {
      try (Statement s = context.getConnection().createStatement()) {
        s.executeUpdate("INSERT INTO city VALUES (3, 'Oslo')");
        s.executeUpdate("INSERT INTO person (id, name, city_id) VALUES (3, 'Cy', 3)");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"file"})
  void javaMigrationRunsInOrderWithTheScripts(String backend) throws SQLException {
    open(backend);
    Flyway flyway = flyway(url, scripts()).javaMigrations(new V3__City_rows()).load();
    assertEquals(4, flyway.migrate().migrationsExecuted);
    assertEquals(3, count(keeper, "SELECT COUNT(*) FROM person_city_view"));
    assertEquals(1, count(keeper, "SELECT COUNT(*) FROM " + HISTORY + " WHERE \"type\" = 'JDBC' AND \"version\" = '3'"));
  }

  /**
   * A failing script: its statements since its last DDL statement are rolled back, but DDL
   * commits (Marble has no transactional DDL), so the failure stays recorded until repair.
   */
  @ParameterizedTest
  @ValueSource(strings = {"mem"})
  void failedMigrationIsRecordedAndRepairRemovesIt(String backend) throws SQLException {
    open(backend);
    Path dir = scripts();
    write(dir, "V3__broken.sql", """
        CREATE TABLE pet (id INT PRIMARY KEY, owner_id INT NOT NULL);
        INSERT INTO pet VALUES (1, 1);
        INSERT INTO pet VALUES (2, NULL);
        """);
    Flyway flyway = flyway(url, dir).load();
    assertThrows(FlywayException.class, flyway::migrate);

    assertEquals(0, count(keeper, "SELECT COUNT(*) FROM pet"), "the DML after the last DDL is rolled back");
    assertEquals(1, count(keeper, "SELECT COUNT(*) FROM " + HISTORY + " WHERE \"version\" = '3' AND NOT \"success\""));
    assertEquals(MigrationState.FAILED, flyway.info().current().getState());
    assertThrows(FlywayException.class, flyway::migrate, "a failed migration blocks until repaired");

    flyway.repair();
    assertEquals(0, count(keeper, "SELECT COUNT(*) FROM " + HISTORY + " WHERE \"version\" = '3'"));
    try (Statement s = keeper.createStatement()) {
      s.execute("DROP TABLE pet");
    }
    write(dir, "V3__broken.sql", "CREATE TABLE pet (id INT PRIMARY KEY, owner_id INT NOT NULL);\n");
    assertEquals(2, flyway(url, dir).load().migrate().migrationsExecuted, "V3 and the repeatable after it");
  }

  @ParameterizedTest
  @ValueSource(strings = {"mem"})
  void failingDataOnlyMigrationChangesNothing(String backend) throws SQLException {
    open(backend);
    Path dir = scripts();
    write(dir, "V3__bad_rows.sql", """
        INSERT INTO city VALUES (3, 'Oslo');
        INSERT INTO city VALUES (4, 'Lyon');
        """);
    assertThrows(FlywayException.class, flyway(url, dir).load()::migrate);
    assertEquals(2, count(keeper, "SELECT COUNT(*) FROM city"), "the whole script was rolled back");
  }

  @ParameterizedTest
  @ValueSource(strings = {"mem", "file"})
  void cleanDropsEverythingAndTheSchemasFlywayCreated(String backend) throws SQLException {
    // Foreign keys in a chain (visit -> person -> city), to itself (visit) and in a cycle (chicken, egg).
    open(backend);
    Path dir = scripts();
    write(dir, "V3__more_objects.sql", """
        CREATE VIEW city_names AS SELECT name FROM city;
        CREATE VIEW city_names_sorted AS SELECT name FROM city_names ORDER BY name;
        CREATE VIEW constant_view AS SELECT 1 AS n FROM (VALUES (0));
        CREATE VIEW constant_view_2 AS SELECT n FROM constant_view;
        CREATE SEQUENCE other_seq;
        ALTER TABLE person ADD CONSTRAINT person_city FOREIGN KEY (city_id) REFERENCES city (id);
        CREATE TABLE visit (id INT PRIMARY KEY, person_id INT NOT NULL REFERENCES person (id),
          previous_id INT REFERENCES visit (id));
        CREATE VIEW visits_per_city AS
          SELECT c.name, COUNT(*) AS visits FROM visit v JOIN person p ON p.id = v.person_id
          JOIN city c ON c.id = p.city_id GROUP BY c.name;
        CREATE TABLE chicken (id INT PRIMARY KEY, egg_id INT);
        CREATE TABLE egg (id INT PRIMARY KEY, chicken_id INT REFERENCES chicken (id));
        ALTER TABLE chicken ADD FOREIGN KEY (egg_id) REFERENCES egg (id);
        CREATE TABLE app.item (id INT PRIMARY KEY, label VARCHAR(20));
        CREATE INDEX item_label ON app.item (label);
        CREATE SEQUENCE app.item_seq;
        """);
    Flyway flyway = flyway(url, dir).schemas("PUBLIC", "APP").load();
    assertEquals(4, flyway.migrate().migrationsExecuted);

    flyway.clean();
    try (ResultSet rs = keeper.getMetaData().getTables(null, null, "%", new String[] {"TABLE", "VIEW"})) {
      assertFalse(rs.next(), "no table or view left");
    }
    try (ResultSet rs = keeper.getMetaData().getSchemas(null, "APP")) {
      assertFalse(rs.next(), "the schema Flyway created is gone");
    }
    assertEquals(0, count(keeper, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SEQUENCES"));

    assertEquals(4, flyway.migrate().migrationsExecuted, "everything can be created again");
    assertEquals(2, count(keeper, "SELECT COUNT(*) FROM city_names"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"mem"})
  void baselineStartsTheHistoryOnAnExistingSchema(String backend) throws SQLException {
    open(backend);
    try (Statement s = keeper.createStatement()) {
      s.execute("CREATE TABLE city (id INT PRIMARY KEY, name VARCHAR(50) NOT NULL UNIQUE)");
    }
    Path dir = tmp.resolve("later");
    write(dir, "V1__city.sql", "CREATE TABLE city (id INT PRIMARY KEY);\n");
    write(dir, "V2__town.sql", "CREATE TABLE town (id INT PRIMARY KEY);\n");
    Flyway flyway = flyway(url, dir).baselineVersion("1").load();
    assertThrows(FlywayException.class, flyway::migrate, "a non-empty schema needs a baseline");
    flyway.baseline();
    assertEquals(1, flyway.migrate().migrationsExecuted);
    assertEquals(0, count(keeper, "SELECT COUNT(*) FROM town"));
    assertEquals(MigrationState.BASELINE, flyway.info().applied()[0].getState());
  }
}
