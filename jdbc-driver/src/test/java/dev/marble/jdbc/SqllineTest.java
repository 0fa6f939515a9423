package dev.marble.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sqlline.SqlLine;

/**
 * sqlline (the shell bin/marble starts) in-process against a file database: the metadata commands
 * print what the catalog holds and no error, and {@code -e} and {@code -f} run non-interactively.
 */
class SqllineTest {
  @TempDir
  Path dir;

  /** sqlline's console is jline; outside a terminal it must not probe for one. */
  @BeforeAll
  static void dumbTerminal() {
    System.setProperty("org.jline.terminal.dumb", "true");
  }

  private record Run(SqlLine.Status status, String out, String err) {}

  private Run sqlline(String url, String... extra) throws IOException {
    List<String> args = new ArrayList<>(List.of("-d", MarbleDriver.class.getName(), "-u", url, "-n", "", "-p", "",
        "--maxWidth=1000", "--showWarnings=false", "--connectInteractionMode=notAskCredentials"));
    args.addAll(List.of(extra));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    SqlLine shell = new SqlLine();
    shell.setOutputStream(out);
    shell.setErrorStream(err);
    SqlLine.Status status = shell.begin(args.toArray(new String[0]), new ByteArrayInputStream(new byte[0]), false);
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static void assertClean(Run run) {
    assertEquals(SqlLine.Status.OK, run.status(), run.out() + run.err());
    for (String bad : List.of("Error", "Exception", "No such", "not supported")) {
      assertFalse(run.out().contains(bad) || run.err().contains(bad), () -> bad + " in\n" + run.out() + run.err());
    }
  }

  private String url() {
    return "jdbc:marble:" + dir.resolve("shell");
  }

  private void createShop() throws IOException {
    Path script = dir.resolve("shop.sql");
    Files.writeString(script, String.join("\n",
        "CREATE TABLE customer (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL, email VARCHAR(80)"
            + " CONSTRAINT uk_email UNIQUE);",
        "CREATE TABLE orders (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, customer_id INT"
            + " CONSTRAINT fk_orders_customer REFERENCES customer, total DECIMAL(10,2));",
        "CREATE INDEX ix_orders_customer ON orders (customer_id);",
        "COMMENT ON TABLE customer IS 'People who buy';",
        "INSERT INTO customer VALUES (1, 'Ada', 'ada@example.com'), (2, 'Alan', NULL);",
        "INSERT INTO orders (customer_id, total) VALUES (1, 12.50), (1, 7.25), (2, 99.00);", ""));
    assertClean(sqlline(url(), "-f", script.toString()));
  }

  @Test
  void scriptAndSingleCommandRunNonInteractively() throws IOException {
    createShop();
    Run e = sqlline(url(), "-e", "SELECT name, (SELECT SUM(total) FROM orders o WHERE o.customer_id = c.id) AS spent"
        + " FROM customer c ORDER BY id;");
    assertClean(e);
    assertTrue(Pattern.compile("\\| Ada +\\| 19\\.75 +\\|").matcher(e.out()).find(), e.out());
    assertTrue(Pattern.compile("\\| Alan +\\| 99\\.00 +\\|").matcher(e.out()).find(), e.out());
    assertTrue((e.out() + e.err()).contains("2 rows selected"), e.out() + e.err());

    Run bad = sqlline(url(), "-e", "SELECT nope FROM customer;");
    assertTrue(bad.err().contains("NOPE"), "the error names the column: " + bad.out() + bad.err());
    assertFalse(bad.err().contains("at dev.marble"), "an error is one message, not a stack trace");
  }

  @Test
  void metadataCommandsShowTheCatalog() throws IOException {
    createShop();
    Path commands = dir.resolve("commands.sql");
    Files.writeString(commands, String.join("\n", "!tables", "!columns CUSTOMER", "!describe ORDERS",
        "!primarykeys CUSTOMER", "!indexes CUSTOMER", "!importedkeys ORDERS", "!exportedkeys CUSTOMER",
        "!typeinfo", "!dbinfo", "!procedures", "!metadata getSchemas", ""));
    Run run = sqlline(url(), "-f", commands.toString());
    assertClean(run);
    String out = run.out();
    assertTrue(Pattern.compile("\\| +\\| PUBLIC +\\| CUSTOMER +\\| TABLE +\\| People who buy").matcher(out).find(),
        out);
    assertTrue(Pattern.compile("\\| INFORMATION_SCHEMA +\\| TABLES +\\| SYSTEM TABLE").matcher(out).find(), out);
    assertTrue(Pattern.compile("\\| CUSTOMER +\\| NAME +\\| 12 +\\| VARCHAR +\\| 40 ").matcher(out).find(),
        "!columns: " + out);
    assertTrue(Pattern.compile("\\| ORDERS +\\| TOTAL +\\| 3 +\\| DECIMAL +\\| 10 ").matcher(out).find(),
        "!describe: " + out);
    assertTrue(Pattern.compile("\\| CUSTOMER +\\| ID +\\| 1 +\\| PK_CUSTOMER").matcher(out).find(),
        "!primarykeys: " + out);
    assertTrue(Pattern.compile("\\| CUSTOMER +\\| FALSE +\\| +\\| UK_EMAIL +\\| 3 +\\| 1 +\\| EMAIL").matcher(out)
        .find(), "!indexes: " + out);
    Pattern fk = Pattern.compile("\\| +\\| PUBLIC +\\| CUSTOMER +\\| ID +\\| +\\| PUBLIC +\\| ORDERS"
        + " +\\| CUSTOMER_ID +\\| 1 +\\| 3 +\\| 3 +\\| FK_ORDERS_CUSTOMER +\\| PK_CUSTOMER ");
    Matcher keys = fk.matcher(out);
    assertTrue(keys.find() && keys.find(), "!importedkeys ORDERS and !exportedkeys CUSTOMER: " + out);
    assertTrue(Pattern.compile("\\| UUID +\\| 1111 ").matcher(out).find(), "!typeinfo: " + out);
    assertTrue(Pattern.compile("getDatabaseProductName +Marble").matcher(out).find(), "!dbinfo: " + out);
    assertTrue(Pattern.compile("\\| INFORMATION_SCHEMA +\\|").matcher(out).find(), "!metadata getSchemas: " + out);
  }
}
