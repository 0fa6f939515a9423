package dev.marble.jdbc.process;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The other process in multi-process tests, started by {@link Children}. Modes: {@code connect URL}
 * (prints the outcome), {@code hold URL} (keeps the database open until killed), {@code write URL}
 * (inserts rows one per transaction, printing each id after its commit returned, until killed).
 */
public final class ChildProcess {
  private ChildProcess() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    String url = args[1];
    try (Connection c = DriverManager.getConnection(url)) {
      System.out.println("CONNECTED");
      System.out.flush();
      switch (mode) {
        case "connect" -> { }
        case "hold" -> Thread.sleep(Long.MAX_VALUE);
        case "write" -> write(c);
        default -> throw new IllegalArgumentException(mode);
      }
    } catch (SQLException e) {
      System.out.println("SQLSTATE " + e.getSQLState());
      System.out.println("MESSAGE " + e.getMessage());
    }
  }

  private static void write(Connection c) throws SQLException {
    c.createStatement().execute("CREATE TABLE IF NOT EXISTS ledger (id BIGINT PRIMARY KEY, "
        + "payload VARCHAR(200), amount DECIMAL(10,2))");
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO ledger VALUES (?, ?, ?)")) {
      for (long id = 1; ; id++) {
        ps.setLong(1, id);
        ps.setString(2, "entry " + id + " " + "p".repeat((int) (id % 150)));
        ps.setBigDecimal(3, java.math.BigDecimal.valueOf(id, 2));
        ps.executeUpdate();
        System.out.println("ACK " + id);
      }
    }
  }
}
