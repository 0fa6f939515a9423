package dev.marble.sql.parser;

/** Action of a foreign key {@code ON DELETE} / {@code ON UPDATE} clause. */
public enum ReferentialAction {
  NO_ACTION("NO ACTION"),
  RESTRICT("RESTRICT"),
  CASCADE("CASCADE"),
  SET_NULL("SET NULL"),
  SET_DEFAULT("SET DEFAULT");

  /** The SQL spelling. */
  public final String sql;

  ReferentialAction(String sql) {
    this.sql = sql;
  }
}
