package dev.marble.jdbc;

import java.sql.ResultSet;
import java.util.List;

/** A one-row, one-column VARCHAR result set, for the server's answers that are not result sets. */
public final class ValueResults {
  private ValueResults() {}

  public static ResultSet of(String column, String value) {
    return MetadataResults.of(List.of(ResultColumn.of(column, java.sql.Types.VARCHAR, "VARCHAR", 0, 0,
        java.sql.ResultSetMetaData.columnNullable)), List.<Object[]>of(new Object[] {value}));
  }
}
