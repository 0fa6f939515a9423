package dev.marble.jdbc.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@link UsersContract} on a file database, plus what only a directory can show. */
class FileUsersTest extends UsersContract {
  private Path dir;

  @Override
  protected Backend backend(Path tmp) {
    Backend b = Backend.file(tmp);
    dir = Path.of(b.toString().substring("jdbc:marble:".length()));
    return b;
  }

  @Test
  void usersRolesAndGrantsSurviveReopen() throws Exception {
    exec("CREATE USER admin PASSWORD 'adm' ADMIN", "CREATE TABLE t (x INT)", "INSERT INTO t VALUES (1)",
        "CREATE USER bob PASSWORD 'bobpw'", "CREATE ROLE reader", "GRANT SELECT ON t TO reader",
        "GRANT reader TO bob");
    c.close();
    assertEquals("28000", assertThrows(SQLException.class, () -> backend.connect()).getSQLState());
    try (Connection bob = backend.connect("bob", "bobpw"); Statement st = bob.createStatement()) {
      assertEquals(List.of("1"), rows(bob, "SELECT x FROM t"));
      assertEquals("42501", assertThrows(SQLException.class, () -> st.execute("DELETE FROM t")).getSQLState());
    }
    c = backend.connect("admin", "adm");
    s = c.createStatement();
    assertEquals(List.of("BOB|READER"), rows("SELECT grantee, role_name FROM INFORMATION_SCHEMA.APPLICABLE_ROLES"));
    String catalog = Files.readString(dir.resolve("catalog.json"));
    assertTrue(catalog.contains("\"format\" : 3"), catalog);
  }

  @Test
  void thePlaintextPasswordIsWrittenNowhere() throws Exception {
    String secret = "Plain-Text-Canary-7731";
    exec("CREATE USER admin PASSWORD 'adm-" + secret + "' ADMIN", "CREATE TABLE t (x INT)",
        "CREATE USER bob PASSWORD '" + secret + "'", "ALTER USER bob PASSWORD 'x" + secret + "'",
        "INSERT INTO t VALUES (1)");
    try (Connection bob = backend.connect("bob", "x" + secret)) {
      assertEquals("BOB", bob.getMetaData().getUserName());
    }
    c.close(); // the last connection: the database checkpoints and closes
    byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
    byte[] utf16 = secret.getBytes(StandardCharsets.UTF_16LE);
    List<Path> files = new ArrayList<>();
    try (Stream<Path> all = Files.walk(dir)) {
      all.filter(Files::isRegularFile).forEach(files::add);
    }
    // the search does find what is stored: the user's name and hash are in the catalog
    assertTrue(contains(read(dir.resolve("catalog.json")), "\"BOB\"".getBytes(StandardCharsets.UTF_8)));
    for (Path f : files) {
      byte[] bytes = read(f);
      assertFalse(contains(bytes, needle) || contains(bytes, utf16), "password found in " + f);
    }
  }

  @Test
  void aPasswordInTheUrlIsNeverShown() throws Exception {
    exec("CREATE USER admin PASSWORD 'Url-Canary-42' ADMIN");
    String url = backend + ";user=admin;password=Url-Canary-42";
    try (Connection viaUrl = java.sql.DriverManager.getConnection(url)) {
      assertEquals("ADMIN", viaUrl.getMetaData().getUserName());
      assertFalse(viaUrl.getMetaData().getURL().contains("Url-Canary"), viaUrl.getMetaData().getURL());
    }
    SQLException e = assertThrows(SQLException.class, () -> java.sql.DriverManager.getConnection(url + ";bogus=1"));
    assertEquals("08001", e.getSQLState());
    assertTrue(e.getMessage().contains("password=***"), e.getMessage());
    assertFalse(e.getMessage().contains("Url-Canary"), e.getMessage());
  }

  private static byte[] read(Path f) {
    try {
      return Files.readAllBytes(f);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean contains(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
