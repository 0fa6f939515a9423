package dev.marble.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS with a keystore made by keytool exactly as docs/server.md tells: a client that trusts the
 * certificate connects; a plaintext client or one that does not trust it cannot.
 */
class TlsTest {
  private static final String STORE_PASSWORD = "changeit";

  @TempDir
  static Path keys;

  @TempDir
  Path dir;

  @BeforeAll
  static void makeKeystores() throws Exception {
    keytool("-genkeypair", "-alias", "marble", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
        "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-keystore", keys.resolve("server.p12").toString(),
        "-storetype", "PKCS12", "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD);
    keytool("-exportcert", "-rfc", "-alias", "marble", "-keystore", keys.resolve("server.p12").toString(),
        "-storepass", STORE_PASSWORD, "-file", keys.resolve("server.pem").toString());
    keytool("-importcert", "-noprompt", "-alias", "marble", "-file", keys.resolve("server.pem").toString(),
        "-keystore", keys.resolve("trust.p12").toString(), "-storetype", "PKCS12", "-storepass", STORE_PASSWORD);
  }

  private static void keytool(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes()));
  }

  private MarbleServer start() {
    return MarbleServer.builder(dir).port(0).adminPassword("pw").tls(keys.resolve("server.p12"), STORE_PASSWORD)
        .start();
  }

  @Test
  void aClientTrustingTheCertificateConnectsOverHttps() throws SQLException {
    try (MarbleServer server = start()) {
      String url = server.url("shop");
      assertTrue(url.endsWith(";tls=true"), url);
      Properties p = credentials();
      p.setProperty("truststore", keys.resolve("trust.p12").toString());
      p.setProperty("truststore_password", STORE_PASSWORD);
      try (Connection c = DriverManager.getConnection(url.replace("127.0.0.1", "localhost"), p);
          ResultSet rs = c.createStatement().executeQuery("VALUES 42")) {
        assertTrue(rs.next());
        assertEquals(42, rs.getInt(1));
      }
    }
  }

  @Test
  void plaintextAndUntrustingClientsAreRefused() {
    try (MarbleServer server = start()) {
      String plain = server.url("shop").replace(";tls=true", "");
      SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(plain, credentials()));
      assertEquals("08001", e.getSQLState(), e.getMessage());
      SQLException untrusted = assertThrows(SQLException.class,
          () -> DriverManager.getConnection(server.url("shop"), credentials()));
      assertEquals("08001", untrusted.getSQLState(), untrusted.getMessage());
    }
  }

  @Test
  void aWrongKeystorePasswordStopsTheStart() {
    ServerException e = assertThrows(ServerException.class, () -> MarbleServer.builder(dir).port(0)
        .adminPassword("pw").tls(keys.resolve("server.p12"), "wrong").start());
    assertEquals(ServerException.Code.BAD_KEYSTORE, e.code());
  }

  private static Properties credentials() {
    Properties p = new Properties();
    p.setProperty("user", "admin");
    p.setProperty("password", "pw");
    return p;
  }
}
