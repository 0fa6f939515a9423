package dev.marble.sql;

import dev.marble.storage.ColumnType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * The read-only {@code INFORMATION_SCHEMA}: SQL-standard views of the catalog (SCHEMATA, TABLES,
 * COLUMNS, TABLE_CONSTRAINTS, KEY_COLUMN_USAGE, REFERENTIAL_CONSTRAINTS, CHECK_CONSTRAINTS, VIEWS,
 * SEQUENCES, TABLE_PRIVILEGES, APPLICABLE_ROLES) plus INDEXES, one row per index column, and USERS and
 * ROLES.
 *
 * <p>The tables are built per {@link Snapshot} and read that snapshot's catalog when scanned. A
 * running plan finds them through the root schema of its data context, which is the snapshot current
 * at execution, so a cached plan never serves the catalog of an older version. Writes fail (42000)
 * in {@link #rejectChange}.
 *
 * <p>{@link #tables()} describes every table and column; the JDBC driver's DatabaseMetaData lists
 * them from it (as SYSTEM TABLE), so both views of this schema come from one definition.
 */
public final class InformationSchema {
  public static final String NAME = "INFORMATION_SCHEMA";

  /** A column: its name, the Marble type it has, and whether it may be null. */
  public record Column(String name, ColumnType type, boolean nullable) {}

  /** A table of this schema: name, what it lists, columns, and how its rows are built. */
  public record Definition(String name, String remarks, List<Column> columns,
      Function<InformationSchemaRows, List<Object[]>> rows) {}

  private static final Map<String, Definition> TABLES = new LinkedHashMap<>();

  static {
    define("APPLICABLE_ROLES", "Role memberships: GRANTEE holds the privileges of ROLE_NAME",
        r -> SecurityRows.applicableRoles(r.catalog()), "GRANTEE!", "ROLE_NAME!", "IS_GRANTABLE!");
    define("CHECK_CONSTRAINTS", "The CHECK constraints", InformationSchemaRows::checkConstraints,
        "CONSTRAINT_CATALOG", "CONSTRAINT_SCHEMA!", "CONSTRAINT_NAME!", "CHECK_CLAUSE!");
    define("COLUMNS", "The columns of tables and views", InformationSchemaRows::columns,
        "TABLE_CATALOG", "TABLE_SCHEMA!", "TABLE_NAME!", "COLUMN_NAME!", "ORDINAL_POSITION:int!", "COLUMN_DEFAULT",
        "IS_NULLABLE!", "DATA_TYPE!", "CHARACTER_MAXIMUM_LENGTH:int", "CHARACTER_OCTET_LENGTH:int",
        "NUMERIC_PRECISION:int", "NUMERIC_PRECISION_RADIX:int", "NUMERIC_SCALE:int", "DATETIME_PRECISION:int",
        "IS_IDENTITY!", "IDENTITY_GENERATION", "IDENTITY_START:long", "IDENTITY_INCREMENT:long",
        "IDENTITY_MAXIMUM:long", "IDENTITY_MINIMUM:long", "IDENTITY_CYCLE", "IS_GENERATED!", "REMARKS");
    define("INDEXES", "One row per column of each index, the primary key included", InformationSchemaRows::indexes,
        "TABLE_CATALOG", "TABLE_SCHEMA!", "TABLE_NAME!", "INDEX_NAME!", "ORDINAL_POSITION:int!", "COLUMN_NAME!",
        "IS_UNIQUE!", "IS_PRIMARY_KEY!", "ASC_OR_DESC!", "CONSTRAINT_NAME");
    define("KEY_COLUMN_USAGE", "The columns of primary key, unique and foreign key constraints",
        InformationSchemaRows::keyColumnUsage,
        "CONSTRAINT_CATALOG", "CONSTRAINT_SCHEMA!", "CONSTRAINT_NAME!", "TABLE_CATALOG", "TABLE_SCHEMA!",
        "TABLE_NAME!", "COLUMN_NAME!", "ORDINAL_POSITION:int!", "POSITION_IN_UNIQUE_CONSTRAINT:int");
    define("REFERENTIAL_CONSTRAINTS", "The foreign keys and the keys they reference",
        InformationSchemaRows::referentialConstraints,
        "CONSTRAINT_CATALOG", "CONSTRAINT_SCHEMA!", "CONSTRAINT_NAME!", "UNIQUE_CONSTRAINT_CATALOG",
        "UNIQUE_CONSTRAINT_SCHEMA", "UNIQUE_CONSTRAINT_NAME", "MATCH_OPTION!", "UPDATE_RULE!", "DELETE_RULE!");
    define("ROLES", "The roles", r -> SecurityRows.roles(r.catalog()), "ROLE_NAME!");
    define("SCHEMATA", "The schemas", InformationSchemaRows::schemata,
        "CATALOG_NAME", "SCHEMA_NAME!", "SCHEMA_OWNER", "DEFAULT_CHARACTER_SET_NAME!");
    define("SEQUENCES", "The sequences (those behind identity columns are not listed)",
        InformationSchemaRows::sequences,
        "SEQUENCE_CATALOG", "SEQUENCE_SCHEMA!", "SEQUENCE_NAME!", "DATA_TYPE!", "NUMERIC_PRECISION:int!",
        "NUMERIC_PRECISION_RADIX:int!", "NUMERIC_SCALE:int!", "START_VALUE:long!", "MINIMUM_VALUE:long!",
        "MAXIMUM_VALUE:long!", "INCREMENT:long!", "CYCLE_OPTION!");
    define("TABLE_CONSTRAINTS", "The constraints of tables", InformationSchemaRows::tableConstraints,
        "CONSTRAINT_CATALOG", "CONSTRAINT_SCHEMA!", "CONSTRAINT_NAME!", "TABLE_CATALOG", "TABLE_SCHEMA!",
        "TABLE_NAME!", "CONSTRAINT_TYPE!", "IS_DEFERRABLE!", "INITIALLY_DEFERRED!");
    define("TABLE_PRIVILEGES", "Privileges granted on tables and views (schema grants: one row per table)",
        r -> SecurityRows.tablePrivileges(r.catalog()), "GRANTOR!", "GRANTEE!", "TABLE_CATALOG", "TABLE_SCHEMA!",
        "TABLE_NAME!", "PRIVILEGE_TYPE!", "IS_GRANTABLE!", "WITH_HIERARCHY!");
    define("TABLES", "The tables and views", InformationSchemaRows::tables,
        "TABLE_CATALOG", "TABLE_SCHEMA!", "TABLE_NAME!", "TABLE_TYPE!", "IS_INSERTABLE_INTO!", "REMARKS");
    define("USERS", "The users (without their password hashes)", r -> SecurityRows.users(r.catalog()),
        "USER_NAME!", "IS_ADMIN!");
    define("VIEWS", "The views and their queries", InformationSchemaRows::views,
        "TABLE_CATALOG", "TABLE_SCHEMA!", "TABLE_NAME!", "VIEW_DEFINITION!", "CHECK_OPTION!", "IS_UPDATABLE!");
  }

  private InformationSchema() {}

  /** Column specs are {@code NAME[:int|:long][!]}: VARCHAR unless typed, {@code !} when never null. */
  private static void define(String name, String remarks, Function<InformationSchemaRows, List<Object[]>> rows,
      String... specs) {
    List<Column> columns = new ArrayList<>();
    for (String spec : specs) {
      boolean notNull = spec.endsWith("!");
      String s = notNull ? spec.substring(0, spec.length() - 1) : spec;
      int colon = s.indexOf(':');
      ColumnType type = colon < 0 ? ColumnType.VARCHAR
          : s.substring(colon + 1).equals("int") ? ColumnType.INTEGER : ColumnType.BIGINT;
      columns.add(new Column(colon < 0 ? s : s.substring(0, colon), type, !notNull));
    }
    TABLES.put(name, new Definition(name, remarks, List.copyOf(columns), rows));
  }

  /** Every table of the schema, by name. */
  public static List<Definition> tables() {
    return List.copyOf(TABLES.values());
  }

  /** Whether {@code schema} names this schema (unquoted or quoted in upper case). */
  public static boolean is(String schema) {
    return schema != null && schema.toUpperCase(Locale.ROOT).equals(NAME);
  }

  /** Fails when a DDL or DML statement would change {@code schema}, if it is this one. */
  static void rejectChange(String schema, String what) {
    if (is(schema)) {
      throw new SqlEngineException(SqlEngineException.Code.INVALID_STATEMENT,
          NAME + " is read-only: " + what + " is not allowed on it");
    }
  }

  /** The Calcite schema of one snapshot. */
  static Schema schema(Snapshot snapshot) {
    Map<String, Table> tables = new LinkedHashMap<>();
    for (Definition d : TABLES.values()) {
      tables.put(d.name(), new SystemTable(snapshot, d));
    }
    Map<String, Table> map = Map.copyOf(tables);
    return new AbstractSchema() {
      @Override
      protected Map<String, Table> getTableMap() {
        return map;
      }
    };
  }

  /** One table: its rows are built from the snapshot's catalog at each scan (they are few). */
  private static final class SystemTable extends AbstractTable implements ScannableTable {
    private final Snapshot snapshot;
    private final Definition definition;

    SystemTable(Snapshot snapshot, Definition definition) {
      this.snapshot = snapshot;
      this.definition = definition;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
      RelDataTypeFactory.Builder builder = typeFactory.builder();
      for (Column c : definition.columns()) {
        builder.add(c.name(), typeFactory.createTypeWithNullability(
            MarbleTypes.toRelType(typeFactory, c.type(), -1, 0), c.nullable()));
      }
      return builder.build();
    }

    @Override
    public Schema.TableType getJdbcTableType() {
      return Schema.TableType.SYSTEM_TABLE;
    }

    @Override
    public Enumerable<Object[]> scan(DataContext root) {
      return Linq4j.asEnumerable(definition.rows().apply(new InformationSchemaRows(snapshot)));
    }
  }
}
