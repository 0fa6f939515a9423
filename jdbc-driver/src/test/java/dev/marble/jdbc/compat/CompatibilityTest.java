package dev.marble.jdbc.compat;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Migration scripts written the way H2, HSQLDB and PostgreSQL users write them
 * (src/test/resources/compat), run statement by statement over JDBC against a fresh mem: database.
 * Every statement must succeed, except one marked {@code -- error: STATE}, which must fail with
 * exactly that SQLState and a message without a Java class name in it; one marked {@code -- rows:}
 * must return those rows.
 */
class CompatibilityTest {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final List<String> SCRIPTS = List.of(
      "V1__h2_petclinic.sql",
      "V2__hsqldb_petclinic.sql",
      "V3__postgres_style.sql",
      "V4__common_words.sql",
      "V5__data_and_objects.sql",
      "V6__merge.sql",
      "V7__seed_and_types.sql");

  static Stream<String> scripts() {
    return SCRIPTS.stream();
  }

  @ParameterizedTest
  @MethodSource("scripts")
  void scriptRuns(String name) throws Exception {
    SqlScript script = SqlScript.parse(name, read(name));
    List<String> problems = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:marble:mem:compat" + COUNTER.incrementAndGet());
         Statement s = c.createStatement()) {
      for (SqlScript.Statement st : script.statements()) {
        String problem = run(s, st);
        if (problem != null) {
          problems.add(name + ":" + st.line() + ": " + problem + "\n    " + st.sql().replace("\n", "\n    "));
        }
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  private static String run(Statement s, SqlScript.Statement st) {
    try {
      List<String> rows = new ArrayList<>();
      if (s.execute(st.sql())) {
        try (ResultSet rs = s.getResultSet()) {
          while (rs.next()) {
            List<String> values = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
              rs.getObject(i);
              values.add(rs.getString(i));
            }
            rows.add(String.join("|", values));
          }
        }
      }
      if (st.expectedState() != null) {
        return "succeeded, expected " + st.expectedState();
      }
      String got = String.join("; ", rows);
      return st.expectedRows() == null || st.expectedRows().equals(got) ? null
          : "returned rows " + got + ", expected " + st.expectedRows();
    } catch (SQLException e) {
      if (e.getSQLState() != null && e.getSQLState().equals(st.expectedState())) {
        return e.getMessage().matches("(?s).*\\b(org|java)\\.[a-z]+\\..*")
            ? "message names a Java class: " + e.getMessage() : null;
      }
      return "[" + e.getSQLState() + "] " + e.getMessage();
    }
  }

  private static String read(String name) throws IOException {
    try (InputStream in = CompatibilityTest.class.getResourceAsStream("/compat/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
