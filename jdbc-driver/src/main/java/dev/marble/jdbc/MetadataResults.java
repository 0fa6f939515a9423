package dev.marble.jdbc;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.linq4j.Linq4j;

/**
 * The columns of every result set {@link MarbleDatabaseMetaData} returns, named and typed as the
 * JDBC 4.3 javadoc of each method lists them, and the factory that wraps rows into a result set.
 *
 * <p>Columns are written {@code NAME[:type][!]}: type {@code int}, {@code short}, {@code long} or
 * {@code bool} (default VARCHAR), {@code !} when the column is never null. Values follow the engine
 * convention: String, Integer, Short, Long, Boolean.
 */
final class MetadataResults {
  private MetadataResults() {}

  static final List<ResultColumn> TABLES = columns("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME!", "TABLE_TYPE!",
      "REMARKS", "TYPE_CAT", "TYPE_SCHEM", "TYPE_NAME", "SELF_REFERENCING_COL_NAME", "REF_GENERATION");
  static final List<ResultColumn> SCHEMAS = columns("TABLE_SCHEM!", "TABLE_CATALOG");
  static final List<ResultColumn> CATALOGS = columns("TABLE_CAT!");
  static final List<ResultColumn> TABLE_TYPES = columns("TABLE_TYPE!");
  static final List<ResultColumn> COLUMNS = columns("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME!", "COLUMN_NAME!",
      "DATA_TYPE:int!", "TYPE_NAME!", "COLUMN_SIZE:int", "BUFFER_LENGTH:int", "DECIMAL_DIGITS:int",
      "NUM_PREC_RADIX:int", "NULLABLE:int!", "REMARKS", "COLUMN_DEF", "SQL_DATA_TYPE:int", "SQL_DATETIME_SUB:int",
      "CHAR_OCTET_LENGTH:int", "ORDINAL_POSITION:int!", "IS_NULLABLE!", "SCOPE_CATALOG", "SCOPE_SCHEMA",
      "SCOPE_TABLE", "SOURCE_DATA_TYPE:short", "IS_AUTOINCREMENT!", "IS_GENERATEDCOLUMN!");
  static final List<ResultColumn> PRIMARY_KEYS = columns("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME!",
      "COLUMN_NAME!", "KEY_SEQ:short!", "PK_NAME");
  static final List<ResultColumn> INDEX_INFO = columns("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME!",
      "NON_UNIQUE:bool!", "INDEX_QUALIFIER", "INDEX_NAME", "TYPE:short!", "ORDINAL_POSITION:short!", "COLUMN_NAME",
      "ASC_OR_DESC", "CARDINALITY:long", "PAGES:long", "FILTER_CONDITION");
  static final List<ResultColumn> KEYS = columns("PKTABLE_CAT", "PKTABLE_SCHEM", "PKTABLE_NAME!",
      "PKCOLUMN_NAME!", "FKTABLE_CAT", "FKTABLE_SCHEM", "FKTABLE_NAME!", "FKCOLUMN_NAME!", "KEY_SEQ:short!",
      "UPDATE_RULE:short!", "DELETE_RULE:short!", "FK_NAME", "PK_NAME", "DEFERRABILITY:short!");
  static final List<ResultColumn> ROW_IDENTIFIER = columns("SCOPE:short", "COLUMN_NAME!", "DATA_TYPE:int!",
      "TYPE_NAME!", "COLUMN_SIZE:int", "BUFFER_LENGTH:int", "DECIMAL_DIGITS:short", "PSEUDO_COLUMN:short!");
  static final List<ResultColumn> TYPE_INFO = columns("TYPE_NAME!", "DATA_TYPE:int!", "PRECISION:int",
      "LITERAL_PREFIX", "LITERAL_SUFFIX", "CREATE_PARAMS", "NULLABLE:short!", "CASE_SENSITIVE:bool!",
      "SEARCHABLE:short!", "UNSIGNED_ATTRIBUTE:bool!", "FIXED_PREC_SCALE:bool!", "AUTO_INCREMENT:bool!",
      "LOCAL_TYPE_NAME", "MINIMUM_SCALE:short", "MAXIMUM_SCALE:short", "SQL_DATA_TYPE:int", "SQL_DATETIME_SUB:int",
      "NUM_PREC_RADIX:int");
  static final List<ResultColumn> PROCEDURES = columns("PROCEDURE_CAT", "PROCEDURE_SCHEM", "PROCEDURE_NAME!",
      "RESERVED1", "RESERVED2", "RESERVED3", "REMARKS", "PROCEDURE_TYPE:short!", "SPECIFIC_NAME!");
  static final List<ResultColumn> PROCEDURE_COLUMNS = columns("PROCEDURE_CAT", "PROCEDURE_SCHEM",
      "PROCEDURE_NAME!", "COLUMN_NAME!", "COLUMN_TYPE:short!", "DATA_TYPE:int!", "TYPE_NAME!", "PRECISION:int",
      "LENGTH:int", "SCALE:short", "RADIX:short", "NULLABLE:short!", "REMARKS", "COLUMN_DEF", "SQL_DATA_TYPE:int",
      "SQL_DATETIME_SUB:int", "CHAR_OCTET_LENGTH:int", "ORDINAL_POSITION:int!", "IS_NULLABLE!", "SPECIFIC_NAME!");
  static final List<ResultColumn> FUNCTIONS = columns("FUNCTION_CAT", "FUNCTION_SCHEM", "FUNCTION_NAME!",
      "REMARKS", "FUNCTION_TYPE:short!", "SPECIFIC_NAME!");
  static final List<ResultColumn> FUNCTION_COLUMNS = columns("FUNCTION_CAT", "FUNCTION_SCHEM", "FUNCTION_NAME!",
      "COLUMN_NAME!", "COLUMN_TYPE:short!", "DATA_TYPE:int!", "TYPE_NAME!", "PRECISION:int", "LENGTH:int",
      "SCALE:short", "RADIX:short", "NULLABLE:short!", "REMARKS", "CHAR_OCTET_LENGTH:int", "ORDINAL_POSITION:int!",
      "IS_NULLABLE!", "SPECIFIC_NAME!");
  static final List<ResultColumn> UDTS = columns("TYPE_CAT", "TYPE_SCHEM", "TYPE_NAME!", "CLASS_NAME!",
      "DATA_TYPE:int!", "REMARKS", "BASE_TYPE:short");
  static final List<ResultColumn> SUPER_TYPES = columns("TYPE_CAT", "TYPE_SCHEM", "TYPE_NAME!", "SUPERTYPE_CAT",
      "SUPERTYPE_SCHEM", "SUPERTYPE_NAME!");
  static final List<ResultColumn> SUPER_TABLES = columns("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME!",
      "SUPERTABLE_NAME!");
  static final List<ResultColumn> ATTRIBUTES = columns("TYPE_CAT", "TYPE_SCHEM", "TYPE_NAME!", "ATTR_NAME!",
      "DATA_TYPE:int!", "ATTR_TYPE_NAME!", "ATTR_SIZE:int", "DECIMAL_DIGITS:int", "NUM_PREC_RADIX:int",
      "NULLABLE:int!", "REMARKS", "ATTR_DEF", "SQL_DATA_TYPE:int", "SQL_DATETIME_SUB:int", "CHAR_OCTET_LENGTH:int",
      "ORDINAL_POSITION:int!", "IS_NULLABLE!", "SCOPE_CATALOG", "SCOPE_SCHEMA", "SCOPE_TABLE",
      "SOURCE_DATA_TYPE:short");
  static final List<ResultColumn> TABLE_PRIVILEGES = columns("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME!",
      "GRANTOR", "GRANTEE!", "PRIVILEGE!", "IS_GRANTABLE");
  static final List<ResultColumn> COLUMN_PRIVILEGES = columns("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME!",
      "COLUMN_NAME!", "GRANTOR", "GRANTEE!", "PRIVILEGE!", "IS_GRANTABLE");
  static final List<ResultColumn> PSEUDO_COLUMNS = columns("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME!",
      "COLUMN_NAME!", "DATA_TYPE:int!", "COLUMN_SIZE:int", "DECIMAL_DIGITS:int", "NUM_PREC_RADIX:int",
      "COLUMN_USAGE!", "REMARKS", "CHAR_OCTET_LENGTH:int", "IS_NULLABLE!");
  static final List<ResultColumn> CLIENT_INFO = columns("NAME!", "MAX_LEN:int!", "DEFAULT_VALUE", "DESCRIPTION");

  /** A result set over {@code rows}, each an array with one value per column. */
  static ResultSet of(List<ResultColumn> columns, List<Object[]> rows) {
    return new MarbleResultSet(null, columns, Linq4j.enumerator(new ArrayList<>(rows)));
  }

  static ResultSet empty(List<ResultColumn> columns) {
    return of(columns, List.of());
  }

  private static List<ResultColumn> columns(String... specs) {
    List<ResultColumn> list = new ArrayList<>(specs.length);
    for (String spec : specs) {
      boolean notNull = spec.endsWith("!");
      String s = notNull ? spec.substring(0, spec.length() - 1) : spec;
      int colon = s.indexOf(':');
      String name = colon < 0 ? s : s.substring(0, colon);
      String type = colon < 0 ? "string" : s.substring(colon + 1);
      int nullable = notNull ? ResultSetMetaData.columnNoNulls : ResultSetMetaData.columnNullable;
      list.add(switch (type) {
        case "int" -> ResultColumn.of(name, Types.INTEGER, "INTEGER", 10, 0, nullable);
        case "short" -> ResultColumn.of(name, Types.SMALLINT, "SMALLINT", 5, 0, nullable);
        case "long" -> ResultColumn.of(name, Types.BIGINT, "BIGINT", 19, 0, nullable);
        case "bool" -> ResultColumn.of(name, Types.BOOLEAN, "BOOLEAN", 1, 0, nullable);
        case "string" -> ResultColumn.of(name, Types.VARCHAR, "VARCHAR", 0, 0, nullable);
        default -> throw new IllegalArgumentException(spec);
      });
    }
    return List.copyOf(list);
  }
}
