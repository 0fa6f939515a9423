package dev.marble.jdbc.flyway;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.flywaydb.core.internal.database.base.Schema;
import org.flywaydb.core.internal.jdbc.JdbcTemplate;

/**
 * A schema for Flyway: existence, emptiness, create/drop, and {@code clean}, which empties it
 * object by object because the default schema PUBLIC cannot be dropped.
 */
final class MarbleFlywaySchema extends Schema<MarbleFlywayDatabase, MarbleFlywayTable> {
  private static final String[] TABLE = {"TABLE"};
  private static final String[] VIEW = {"VIEW"};

  MarbleFlywaySchema(JdbcTemplate jdbcTemplate, MarbleFlywayDatabase database, String name) {
    super(jdbcTemplate, database, name);
  }

  private DatabaseMetaData metaData() throws SQLException {
    return jdbcTemplate.getConnection().getMetaData();
  }

  @Override
  protected boolean doExists() throws SQLException {
    // Names are patterns in DatabaseMetaData ('_' matches any character): compare exactly.
    try (ResultSet rs = metaData().getSchemas(null, name)) {
      while (rs.next()) {
        if (name.equals(rs.getString("TABLE_SCHEM"))) {
          return true;
        }
      }
      return false;
    }
  }

  @Override
  protected boolean doEmpty() throws SQLException {
    return names(null).isEmpty() && sequences().isEmpty();
  }

  @Override
  protected void doCreate() throws SQLException {
    jdbcTemplate.execute("CREATE SCHEMA " + database.quote(name));
  }

  /** CASCADE takes the tables, views and sequences with it. */
  @Override
  protected void doDrop() throws SQLException {
    jdbcTemplate.execute("DROP SCHEMA " + database.quote(name) + " CASCADE");
  }

  /**
   * Tables go referencing-first, each with CASCADE (which takes the views that read it), then the
   * views that read no table, then sequences; a table's indexes and constraints go with it.
   */
  @Override
  protected void doClean() throws SQLException {
    for (String table : ForeignKeyOrder.dropOrder(metaData(), name, names(TABLE))) {
      jdbcTemplate.execute("DROP TABLE " + database.quote(name, table) + " CASCADE");
    }
    dropViews();
    for (String sequence : sequences()) {
      jdbcTemplate.execute("DROP SEQUENCE " + database.quote(name, sequence));
    }
  }

  /**
   * Views left once the tables are gone read only other views (or nothing). DROP VIEW has no
   * CASCADE, so a view another view reads is retried after that one is dropped.
   */
  private void dropViews() throws SQLException {
    List<String> left = new ArrayList<>(names(VIEW));
    while (!left.isEmpty()) {
      SQLException blocked = null;
      List<String> next = new ArrayList<>();
      for (String view : left) {
        try {
          jdbcTemplate.execute("DROP VIEW " + database.quote(name, view));
        } catch (SQLException e) {
          blocked = e;
          next.add(view);
        }
      }
      if (next.size() == left.size()) {
        throw blocked;
      }
      left = next;
    }
  }

  @Override
  protected MarbleFlywayTable[] doAllTables() throws SQLException {
    return names(TABLE).stream().map(t -> new MarbleFlywayTable(jdbcTemplate, database, this, t))
        .toArray(MarbleFlywayTable[]::new);
  }

  @Override
  public MarbleFlywayTable getTable(String tableName) {
    return new MarbleFlywayTable(jdbcTemplate, database, this, tableName);
  }

  /** Names of this schema's tables and/or views ({@code types} null: both). */
  private Set<String> names(String[] types) throws SQLException {
    Set<String> names = new LinkedHashSet<>();
    try (ResultSet rs = metaData().getTables(null, name, "%", types)) {
      while (rs.next()) {
        if (name.equals(rs.getString("TABLE_SCHEM"))) {
          names.add(rs.getString("TABLE_NAME"));
        }
      }
    }
    return names;
  }

  /** DatabaseMetaData cannot list sequences; INFORMATION_SCHEMA.SEQUENCES omits identity columns' own. */
  private List<String> sequences() throws SQLException {
    return jdbcTemplate.queryForStringList(
        "SELECT SEQUENCE_NAME FROM INFORMATION_SCHEMA.SEQUENCES WHERE SEQUENCE_SCHEMA = ? ORDER BY SEQUENCE_NAME", name);
  }
}
