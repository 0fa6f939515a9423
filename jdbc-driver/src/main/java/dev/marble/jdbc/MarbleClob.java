package dev.marble.jdbc;

import java.sql.NClob;
import java.sql.SQLException;
import javax.sql.rowset.serial.SerialClob;

/**
 * An in-memory CLOB: {@link SerialClob}, which also serves as {@link NClob} (Java strings are
 * Unicode, so national character data needs nothing more).
 */
public final class MarbleClob extends SerialClob implements NClob {
  private static final long serialVersionUID = 1L;

  public MarbleClob(String text) throws SQLException {
    super(text.toCharArray());
  }
}
