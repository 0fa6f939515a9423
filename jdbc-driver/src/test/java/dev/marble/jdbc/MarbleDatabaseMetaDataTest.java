package dev.marble.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.marble.storage.ColumnType;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowIdLifetime;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MarbleDatabaseMetaDataTest {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private Connection connection;
  private DatabaseMetaData md;

  @BeforeEach
  void open() throws SQLException {
    connection = DriverManager.getConnection(
        "jdbc:marble:mem:md" + COUNTER.incrementAndGet() + "_" + System.nanoTime());
    md = connection.getMetaData();
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  private void execute(String... statements) throws SQLException {
    try (Statement s = connection.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  private void createShop() throws SQLException {
    execute(
        "CREATE TABLE CUSTOMER (ID INTEGER PRIMARY KEY, NAME VARCHAR(50) NOT NULL,"
            + " EMAIL VARCHAR(100) CONSTRAINT UK_EMAIL UNIQUE, BALANCE DECIMAL(10,2) DEFAULT 0, NOTE CLOB,"
            + " PHOTO BLOB, TOKEN UUID, CREATED TIMESTAMP, BORN DATE, WAKES TIME, ACTIVE BOOLEAN, SCORE DOUBLE,"
            + " RATIO REAL, AGE SMALLINT, TINY TINYINT, BIG BIGINT, CODE CHAR(3), BYTES BINARY(4),"
            + " VBYTES VARBINARY(8), LOOSE VARCHAR)",
        "CREATE TABLE ORDER_LINE (ORDER_ID BIGINT, LINE_NO INTEGER, QTY INTEGER, PRIMARY KEY (LINE_NO, ORDER_ID))",
        "CREATE TABLE EVENT (SEQ BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, MSG VARCHAR(20))",
        "CREATE TABLE LOG (MSG VARCHAR(200), LOGGED TIMESTAMP)",
        "CREATE INDEX IX_CUSTOMER_NAME ON CUSTOMER (NAME DESC, ID)",
        "COMMENT ON TABLE CUSTOMER IS 'People who buy'",
        "COMMENT ON COLUMN CUSTOMER.NAME IS 'Full name'",
        "CREATE VIEW RICH AS SELECT ID, NAME, BALANCE FROM CUSTOMER WHERE BALANCE > 1000",
        "CREATE SCHEMA OTHER",
        "CREATE TABLE OTHER.THING (K VARCHAR(10) PRIMARY KEY)",
        "CREATE SEQUENCE USER_SEQ");
  }

  /** All rows, each a map from column label to getObject. */
  private static List<Map<String, Object>> rows(ResultSet rs) throws SQLException {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (rs) {
      ResultSetMetaData m = rs.getMetaData();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= m.getColumnCount(); i++) {
          row.put(m.getColumnLabel(i), rs.getObject(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private static List<Object> column(List<Map<String, Object>> rows, String label) {
    return rows.stream().map(r -> r.get(label)).toList();
  }

  private static List<String> labels(ResultSet rs) throws SQLException {
    try (rs) {
      List<String> labels = new ArrayList<>();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        labels.add(rs.getMetaData().getColumnLabel(i));
      }
      assertFalse(rs.next(), "expected no rows");
      return labels;
    }
  }

  private static Map<String, Object> only(List<Map<String, Object>> rows) {
    assertEquals(1, rows.size(), rows.toString());
    return rows.get(0);
  }

  // ---- product and capabilities -------------------------------------------------------------

  @Test
  void productDriverAndConnection() throws SQLException {
    assertEquals("Marble", md.getDatabaseProductName());
    assertEquals(MarbleDriver.VERSION, md.getDatabaseProductVersion());
    assertEquals(MarbleDriver.versionPart(0), md.getDatabaseMajorVersion());
    assertEquals(MarbleDriver.versionPart(1), md.getDatabaseMinorVersion());
    assertEquals("Marble JDBC Driver", md.getDriverName());
    assertEquals(MarbleDriver.VERSION, md.getDriverVersion());
    assertEquals(4, md.getJDBCMajorVersion());
    assertEquals(3, md.getJDBCMinorVersion());
    assertTrue(md.getURL().startsWith("jdbc:marble:mem:md"));
    assertEquals(connection.unwrap(MarbleConnection.class).user(), md.getUserName());
    assertSame(connection, md.getConnection());
    assertFalse(md.isReadOnly());
    connection.setReadOnly(true);
    assertTrue(md.isReadOnly());
    assertTrue(md.isWrapperFor(DatabaseMetaData.class));
    assertSame(md, md.unwrap(DatabaseMetaData.class));
    assertThrows(SQLException.class, () -> md.unwrap(String.class));
  }

  @Test
  void identifiersAndTerms() throws SQLException {
    assertTrue(md.storesUpperCaseIdentifiers());
    assertFalse(md.storesLowerCaseIdentifiers());
    assertFalse(md.storesMixedCaseIdentifiers());
    assertFalse(md.supportsMixedCaseIdentifiers());
    assertTrue(md.storesMixedCaseQuotedIdentifiers());
    assertFalse(md.supportsMixedCaseQuotedIdentifiers());
    assertFalse(md.storesUpperCaseQuotedIdentifiers());
    assertEquals("\"", md.getIdentifierQuoteString());
    assertEquals("\\", md.getSearchStringEscape());
    assertEquals("$", md.getExtraNameCharacters());
    assertEquals("schema", md.getSchemaTerm());
    assertEquals("catalog", md.getCatalogTerm());
    assertEquals(".", md.getCatalogSeparator());
    assertTrue(md.isCatalogAtStart());
    assertFalse(md.supportsCatalogsInDataManipulation());
    assertFalse(md.supportsCatalogsInTableDefinitions());
    assertTrue(md.supportsSchemasInTableDefinitions());
    assertEquals(256, md.getMaxTableNameLength());
    assertEquals(256, md.getMaxColumnNameLength());
    assertEquals(0, md.getMaxRowSize());
    assertEquals(0, md.getMaxStatementLength());
  }

  @Test
  void supportsAnswers() throws SQLException {
    assertTrue(md.supportsTransactions());
    assertEquals(Connection.TRANSACTION_READ_COMMITTED, md.getDefaultTransactionIsolation());
    for (int level : new int[] {Connection.TRANSACTION_READ_UNCOMMITTED, Connection.TRANSACTION_READ_COMMITTED,
        Connection.TRANSACTION_REPEATABLE_READ, Connection.TRANSACTION_SERIALIZABLE}) {
      assertTrue(md.supportsTransactionIsolationLevel(level));
    }
    assertFalse(md.supportsTransactionIsolationLevel(Connection.TRANSACTION_NONE));
    assertTrue(md.supportsSavepoints());
    assertTrue(md.supportsBatchUpdates());
    assertTrue(md.supportsGetGeneratedKeys());
    assertFalse(md.supportsNamedParameters());
    assertFalse(md.supportsMultipleOpenResults());
    assertFalse(md.supportsStoredProcedures());
    assertTrue(md.supportsFullOuterJoins());
    assertTrue(md.supportsUnionAll());
    assertTrue(md.supportsCorrelatedSubqueries());
    assertTrue(md.supportsANSI92IntermediateSQL());
    assertFalse(md.supportsANSI92FullSQL());
    assertTrue(md.dataDefinitionCausesTransactionCommit());
    assertFalse(md.dataDefinitionIgnoredInTransactions());
    assertFalse(md.supportsDataDefinitionAndDataManipulationTransactions());
    assertTrue(md.supportsDataManipulationTransactionsOnly());
    assertTrue(md.supportsResultSetType(ResultSet.TYPE_FORWARD_ONLY));
    assertFalse(md.supportsResultSetType(ResultSet.TYPE_SCROLL_INSENSITIVE));
    assertTrue(md.supportsResultSetConcurrency(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY));
    assertFalse(md.supportsResultSetConcurrency(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_UPDATABLE));
    assertEquals(ResultSet.HOLD_CURSORS_OVER_COMMIT, md.getResultSetHoldability());
    assertTrue(md.supportsResultSetHoldability(ResultSet.HOLD_CURSORS_OVER_COMMIT));
    assertTrue(md.nullsAreSortedLow());
    assertFalse(md.nullsAreSortedHigh());
    assertTrue(md.usesLocalFiles());
    assertTrue(md.usesLocalFilePerTable());
    assertEquals(RowIdLifetime.ROWID_UNSUPPORTED, md.getRowIdLifetime());
    assertEquals(DatabaseMetaData.sqlStateSQL, md.getSQLStateType());
    assertTrue(md.supportsConvert(Types.INTEGER, Types.VARCHAR));
    assertTrue(md.supportsConvert(Types.TIMESTAMP, Types.DATE));
    assertFalse(md.supportsConvert(Types.DATE, Types.INTEGER));
    assertTrue(md.supportsConvert(Types.INTEGER, Types.BOOLEAN));
    assertFalse(md.supportsConvert(Types.VARCHAR, Types.BLOB));
  }

  /** Every feature claimed is exercised by SQL that must run; every one denied, by SQL that must fail. */
  @Test
  void featureAnswersAreWhatTheEngineDoes() throws SQLException {
    execute("CREATE TABLE A (ID INTEGER PRIMARY KEY, V VARCHAR(10))",
        "CREATE TABLE B (ID INTEGER PRIMARY KEY, A_ID INTEGER)",
        "INSERT INTO A VALUES (1, 'x_1'), (2, 'y')", "INSERT INTO B VALUES (10, 1), (11, 3)");
    assertTrue(md.supportsOuterJoins() && md.supportsLimitedOuterJoins() && md.supportsFullOuterJoins());
    runs("SELECT * FROM A LEFT JOIN B ON A.ID = B.A_ID", "SELECT * FROM A RIGHT OUTER JOIN B ON A.ID = B.A_ID",
        "SELECT * FROM A FULL JOIN B ON A.ID = B.A_ID");
    assertTrue(md.supportsUnion() && md.supportsUnionAll());
    runs("SELECT ID FROM A UNION SELECT ID FROM B", "SELECT ID FROM A UNION ALL SELECT A_ID FROM B");
    assertTrue(md.supportsSubqueriesInComparisons() && md.supportsSubqueriesInExists() && md.supportsSubqueriesInIns()
        && md.supportsSubqueriesInQuantifieds() && md.supportsCorrelatedSubqueries());
    runs("SELECT * FROM A WHERE ID = (SELECT MIN(A_ID) FROM B)",
        "SELECT * FROM A WHERE EXISTS (SELECT 1 FROM B WHERE B.A_ID = A.ID)",
        "SELECT * FROM A WHERE ID IN (SELECT A_ID FROM B)", "SELECT * FROM A WHERE ID < ALL (SELECT ID FROM B)",
        "SELECT ID, (SELECT COUNT(*) FROM B WHERE B.A_ID = A.ID) FROM A");
    assertTrue(md.supportsLikeEscapeClause());
    assertEquals(1, count("SELECT * FROM A WHERE V LIKE 'x\\_%' ESCAPE '\\'"));
    assertTrue(md.supportsExpressionsInOrderBy() && md.supportsOrderByUnrelated() && md.supportsGroupBy()
        && md.supportsGroupByUnrelated() && md.supportsGroupByBeyondSelect());
    runs("SELECT V FROM A ORDER BY ID * -1", "SELECT V FROM A ORDER BY ID", "SELECT COUNT(*) FROM A GROUP BY V",
        "SELECT V, COUNT(*) FROM A GROUP BY V, ID");
    assertTrue(md.supportsColumnAliasing() && md.supportsTableCorrelationNames());
    assertFalse(md.supportsDifferentTableCorrelationNames());
    runs("SELECT X.V AS W FROM A X", "SELECT A.V FROM A A");
    // quoted names keep their case but are not case sensitive: "Mixed" and MIXED are one table
    assertTrue(md.storesMixedCaseQuotedIdentifiers() && md.storesUpperCaseIdentifiers());
    assertFalse(md.supportsMixedCaseQuotedIdentifiers() || md.supportsMixedCaseIdentifiers());
    execute("CREATE TABLE \"Mixed\" (X INTEGER)");
    runs("SELECT X FROM \"Mixed\"", "SELECT X FROM \"MIXED\"", "SELECT X FROM mixed");
    assertThrows(SQLException.class, () -> execute("CREATE TABLE \"MIXED\" (Y INTEGER)"));
    assertEquals(List.of("Mixed"), column(rows(md.getTables(null, null, "Mixed", null)), "TABLE_NAME"));
    assertTrue(md.supportsAlterTableWithAddColumn() && md.supportsAlterTableWithDropColumn());
    execute("ALTER TABLE A ADD COLUMN W INTEGER", "ALTER TABLE A DROP COLUMN W");
    assertTrue(md.supportsNonNullableColumns());
    execute("CREATE TABLE NN (X INTEGER NOT NULL)");
    assertTrue(md.nullPlusNonNullIsNull());
    assertNull(one("SELECT 1 + CAST(NULL AS INTEGER) FROM A WHERE ID = 1"));
    assertTrue(md.supportsSchemasInDataManipulation() && md.supportsSchemasInTableDefinitions()
        && md.supportsSchemasInIndexDefinitions());
    execute("CREATE SCHEMA S2", "CREATE TABLE S2.T (X INTEGER)", "CREATE INDEX IX_S2 ON S2.T (X)",
        "INSERT INTO S2.T VALUES (1)");
    assertFalse(md.supportsCatalogsInDataManipulation() || md.supportsCatalogsInTableDefinitions());
    assertFalse(md.supportsStoredProcedures() || md.supportsPositionedUpdate()
        || md.supportsPositionedDelete());
    assertThrows(SQLException.class, () -> connection.prepareCall("{call P()}").execute());
    assertEquals(md.supportsSelectForUpdate(), runsOk("SELECT * FROM A FOR UPDATE"));
    assertTrue(md.isCatalogAtStart());
  }

  private void runs(String... queries) throws SQLException {
    for (String q : queries) {
      count(q);
    }
  }

  private boolean runsOk(String sql) {
    try {
      count(sql);
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  private int count(String sql) throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int n = 0;
      while (rs.next()) {
        n++;
      }
      return n;
    }
  }

  private Object one(String sql) throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next(), sql);
      return rs.getObject(1);
    }
  }

  @Test
  void nullsReallySortLow() throws SQLException {
    execute("CREATE TABLE N (ID INTEGER PRIMARY KEY, V INTEGER)", "INSERT INTO N VALUES (1, 5), (2, NULL), (3, 1)");
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT V FROM N ORDER BY V")) {
      assertTrue(rs.next());
      assertNull(rs.getObject(1), "NULL sorts first ascending, as nullsAreSortedLow says");
    }
  }

  @Test
  void keywordsAndFunctions() throws SQLException {
    List<String> keywords = Arrays.asList(md.getSQLKeywords().split(","));
    for (String k : List.of("AUTO_INCREMENT", "CACHE", "COMMENT", "IF", "INDEX", "LIMIT", "OFFSET", "RENAME")) {
      assertTrue(keywords.contains(k), k + " in " + keywords);
    }
    for (String k : List.of("SELECT", "FROM", "TABLE", "CHAR_LENGTH")) {
      assertFalse(keywords.contains(k), k + " is SQL:2003");
    }
    assertTrue(Arrays.asList(md.getNumericFunctions().split(",")).containsAll(List.of("ABS", "FLOOR", "MOD", "POWER",
        "ROUND", "SQRT", "CEIL", "CEILING")));
    assertTrue(Arrays.asList(md.getStringFunctions().split(",")).containsAll(List.of("CONCAT", "LOWER", "UPPER",
        "SUBSTRING", "TRIM", "CHAR_LENGTH", "POSITION", "REPLACE")));
    assertTrue(Arrays.asList(md.getTimeDateFunctions().split(",")).containsAll(List.of("CURRENT_DATE",
        "CURRENT_TIME", "CURRENT_TIMESTAMP", "EXTRACT")));
    assertTrue(Arrays.asList(md.getSystemFunctions().split(",")).contains("IFNULL"));
  }

  @Test
  void everyListedFunctionRuns() throws SQLException {
    String[] queries = {
      "SELECT {fn ABS(-1)}, {fn ACOS(1)}, {fn ASIN(0)}, {fn ATAN(0)}, {fn ATAN2(1, 1)}, {fn CBRT(8)},"
          + " {fn CEILING(1.5)}, {fn COS(0)}, {fn COT(1)}, {fn DEGREES(1)}, {fn EXP(1)}, {fn FLOOR(1.5)},"
          + " {fn LOG(2)}, {fn LOG10(100)}, {fn MOD(7, 3)}, {fn PI()}, {fn POWER(2, 3)}, {fn RADIANS(90)},"
          + " {fn RAND(1)}, {fn ROUND(1.25, 1)}, {fn SIGN(-2)}, {fn SIN(0)}, {fn SQRT(4)}, {fn TAN(0)},"
          + " {fn TRUNCATE(1.25, 1)}, CEIL(1.5), LN(1.0)",
      "SELECT {fn ASCII('a')}, {fn CHAR(65)}, {fn CONCAT('a', 'b')}, {fn DIFFERENCE('a', 'b')},"
          + " {fn INSERT('abc', 1, 1, 'x')}, {fn LCASE('A')}, {fn LEFT('abc', 1)}, {fn LENGTH('ab')},"
          + " {fn LOCATE('b', 'abc')}, {fn LTRIM(' a')}, {fn REPEAT('a', 2)}, {fn REPLACE('abc', 'b', 'x')},"
          + " {fn RIGHT('abc', 1)}, {fn RTRIM('a ')}, {fn SOUNDEX('a')}, {fn SPACE(2)}, {fn SUBSTRING('abc', 2, 1)},"
          + " {fn UCASE('a')}",
      "SELECT CHAR_LENGTH('ab'), CHARACTER_LENGTH('ab'), INITCAP('ab'), LOWER('A'), OCTET_LENGTH(X'00'),"
          + " OVERLAY('abc' PLACING 'x' FROM 2), POSITION('b' IN 'abc'), TRIM(' a '), UPPER('a')",
      "SELECT {fn CONVERT(1, SQL_VARCHAR)}, {fn DATABASE()}, {fn IFNULL(NULL, 1)}, {fn USER()}, COALESCE(NULL, 1),"
          + " NULLIF(1, 1), CURRENT_USER, SESSION_USER",
      "SELECT {fn CURDATE()}, {fn CURTIME()}, {fn DAYNAME(DATE '2020-01-01')}, {fn DAYOFMONTH(DATE '2020-01-01')},"
          + " {fn DAYOFWEEK(DATE '2020-01-01')}, {fn DAYOFYEAR(DATE '2020-01-01')}, {fn HOUR(TIME '10:00:00')},"
          + " {fn MINUTE(TIME '10:00:00')}, {fn MONTH(DATE '2020-01-01')}, {fn MONTHNAME(DATE '2020-01-01')},"
          + " {fn NOW()}, {fn QUARTER(DATE '2020-01-01')}, {fn SECOND(TIME '10:00:00')},"
          + " {fn TIMESTAMPADD(SQL_TSI_DAY, 1, TIMESTAMP '2020-01-01 00:00:00')},"
          + " {fn TIMESTAMPDIFF(SQL_TSI_DAY, TIMESTAMP '2020-01-01 00:00:00', TIMESTAMP '2020-01-02 00:00:00')},"
          + " {fn TO_DATE('2020-01-01', 'YYYY-MM-DD')}, {fn TO_TIMESTAMP('2020-01-01', 'YYYY-MM-DD')},"
          + " {fn WEEK(DATE '2020-01-01')}, {fn YEAR(DATE '2020-01-01')}",
      "SELECT CURRENT_DATE, CURRENT_TIME, CURRENT_TIMESTAMP, LOCALTIME, LOCALTIMESTAMP,"
          + " EXTRACT(YEAR FROM DATE '2020-01-01')"
    };
    try (Statement s = connection.createStatement()) {
      for (String q : queries) {
        try (ResultSet rs = s.executeQuery(q)) {
          assertTrue(rs.next(), q);
        }
      }
    }
    String all = String.join("\n", queries);
    for (String list : List.of(md.getNumericFunctions(), md.getStringFunctions(), md.getSystemFunctions(),
        md.getTimeDateFunctions())) {
      for (String name : list.split(",")) {
        assertTrue(java.util.regex.Pattern.compile("\\b" + name + "\\b").matcher(all).find(),
            name + " is listed, so a query here must run it");
      }
    }
  }

  // ---- schemas and tables -------------------------------------------------------------------

  @Test
  void schemasAndCatalogs() throws SQLException {
    createShop();
    List<Map<String, Object>> schemas = rows(md.getSchemas());
    assertEquals(List.of("INFORMATION_SCHEMA", "OTHER", "PUBLIC"), column(schemas, "TABLE_SCHEM"));
    assertEquals(Arrays.asList(null, null, null), column(schemas, "TABLE_CATALOG"));
    assertEquals(column(schemas, "TABLE_SCHEM"), column(rows(md.getSchemas(null, "%")), "TABLE_SCHEM"));
    assertNull(connection.getCatalog(), "no catalogs: getCatalog() is null, as TABLE_CAT everywhere");
    assertEquals("PUBLIC", connection.getSchema());
    assertEquals(List.of("PUBLIC"), column(rows(md.getSchemas(null, "PUB%")), "TABLE_SCHEM"));
    assertEquals(List.of("OTHER"), column(rows(md.getSchemas(null, "other")), "TABLE_SCHEM"));
    assertEquals(List.of("TABLE_SCHEM", "TABLE_CATALOG"), labels(md.getSchemas(null, "NONE")));
    assertEquals(List.of("TABLE_CAT"), labels(md.getCatalogs()));
    assertEquals(List.of("SYSTEM TABLE", "TABLE", "VIEW"), column(rows(md.getTableTypes()), "TABLE_TYPE"));
  }

  @Test
  void tablesWithAllColumnsSortedByTypeSchemaName() throws SQLException {
    createShop();
    try (ResultSet rs = md.getTables(null, null, null, null)) {
      ResultSetMetaData m = rs.getMetaData();
      List<String> expected = List.of("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE", "REMARKS", "TYPE_CAT",
          "TYPE_SCHEM", "TYPE_NAME", "SELF_REFERENCING_COL_NAME", "REF_GENERATION");
      assertEquals(expected.size(), m.getColumnCount());
      for (int i = 0; i < expected.size(); i++) {
        assertEquals(expected.get(i), m.getColumnLabel(i + 1));
        assertEquals(Types.VARCHAR, m.getColumnType(i + 1));
      }
    }
    List<Map<String, Object>> tables = rows(md.getTables(null, null, "%", new String[] {"TABLE", "VIEW"}));
    List<String> names = tables.stream().map(r -> r.get("TABLE_TYPE") + " " + r.get("TABLE_SCHEM") + "."
        + r.get("TABLE_NAME")).toList();
    assertEquals(List.of("TABLE OTHER.THING", "TABLE PUBLIC.CUSTOMER", "TABLE PUBLIC.EVENT", "TABLE PUBLIC.LOG",
        "TABLE PUBLIC.ORDER_LINE", "VIEW PUBLIC.RICH"), names);
    Map<String, Object> customer = tables.get(1);
    assertNull(customer.get("TABLE_CAT"));
    assertEquals("People who buy", customer.get("REMARKS"));
    for (String c : List.of("TYPE_CAT", "TYPE_SCHEM", "TYPE_NAME", "SELF_REFERENCING_COL_NAME", "REF_GENERATION")) {
      assertNull(customer.get(c));
    }
    assertNull(tables.get(2).get("REMARKS"));
  }

  @Test
  void tableTypesAndPatterns() throws SQLException {
    createShop();
    execute("CREATE TABLE T_1 (A INTEGER)", "CREATE TABLE TX1 (A INTEGER)",
        "CREATE TABLE \"Mixed\" (\"low\" INTEGER)");
    assertEquals(List.of("RICH"), column(rows(md.getTables(null, null, null, new String[] {"VIEW"})), "TABLE_NAME"));
    assertEquals(List.of("THING"), column(rows(md.getTables(null, "OTHER", "%", new String[] {"TABLE"})),
        "TABLE_NAME"));
    assertEquals(List.of("CUSTOMER", "EVENT", "LOG", "Mixed", "ORDER_LINE", "TX1", "T_1"),
        column(rows(md.getTables(null, "PUBLIC", "%", new String[] {"TABLE"})), "TABLE_NAME"));
    List<Map<String, Object>> system = rows(md.getTables(null, null, "%", new String[] {"SYSTEM TABLE"}));
    assertEquals(List.of("INFORMATION_SCHEMA"), column(system, "TABLE_SCHEM").stream().distinct().toList());
    assertTrue(column(system, "TABLE_NAME").containsAll(List.of("TABLES", "COLUMNS", "SEQUENCES", "INDEXES")));
    assertEquals(system, rows(md.getTables(null, "INFORMATION_SCHEMA", null, null)));
    assertEquals(List.of(), rows(md.getTables(null, "PUBLIC", "%", new String[] {"SYSTEM TABLE"})));
    assertEquals(List.of("TX1", "T_1"), column(rows(md.getTables(null, null, "T_1", null)), "TABLE_NAME"));
    assertEquals(List.of("T_1"), column(rows(md.getTables(null, null, "T\\_1", null)), "TABLE_NAME"));
    assertEquals(List.of("CUSTOMER"), column(rows(md.getTables(null, "P%", "C%", null)), "TABLE_NAME"));
    assertEquals(List.of("ORDER_LINE"), column(rows(md.getTables(null, null, "%\\_LINE", null)), "TABLE_NAME"));
    assertEquals(List.of("EVENT"), column(rows(md.getTables(null, null, "_VENT", null)), "TABLE_NAME"));
    assertEquals(List.of("Mixed"), column(rows(md.getTables(null, null, "Mixed", null)), "TABLE_NAME"));
    assertEquals(List.of("CUSTOMER"), column(rows(md.getTables(null, null, "customer", null)), "TABLE_NAME"),
        "with no exact match, names match case-insensitively");
    assertEquals(List.of(), rows(md.getTables(null, null, "NOPE", null)));
    assertEquals(List.of(), rows(md.getTables(null, null, "USER_SEQ", null)), "sequences are not tables");
    assertEquals(List.of(), rows(md.getTables(null, null, "SYS%", null)), "nothing internal is listed");
  }

  @Test
  void informationSchemaColumnsAreWhatItsQueriesReturn() throws SQLException {
    List<Map<String, Object>> tables = rows(md.getTables(null, "INFORMATION_SCHEMA", "%", null));
    assertTrue(tables.size() >= 10, tables::toString);
    for (Map<String, Object> t : tables) {
      assertEquals("SYSTEM TABLE", t.get("TABLE_TYPE"));
      String name = (String) t.get("TABLE_NAME");
      List<Map<String, Object>> columns = rows(md.getColumns(null, "INFORMATION_SCHEMA", name, "%"));
      try (Statement s = connection.createStatement();
          ResultSet rs = s.executeQuery("SELECT * FROM INFORMATION_SCHEMA." + name)) {
        ResultSetMetaData m = rs.getMetaData();
        assertEquals(m.getColumnCount(), columns.size(), name);
        for (int i = 1; i <= m.getColumnCount(); i++) {
          Map<String, Object> c = columns.get(i - 1);
          assertEquals(m.getColumnLabel(i), c.get("COLUMN_NAME"), name);
          assertEquals(m.getColumnType(i), c.get("DATA_TYPE"), name + "." + c.get("COLUMN_NAME"));
          assertEquals(m.isNullable(i), c.get("NULLABLE"), name + "." + c.get("COLUMN_NAME"));
          assertEquals(i, c.get("ORDINAL_POSITION"));
        }
      }
    }
  }

  // ---- columns ------------------------------------------------------------------------------

  @Test
  void columnsHaveAllJdbcColumnsInOrder() throws SQLException {
    assertEquals(List.of("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "DATA_TYPE", "TYPE_NAME",
        "COLUMN_SIZE", "BUFFER_LENGTH", "DECIMAL_DIGITS", "NUM_PREC_RADIX", "NULLABLE", "REMARKS", "COLUMN_DEF",
        "SQL_DATA_TYPE", "SQL_DATETIME_SUB", "CHAR_OCTET_LENGTH", "ORDINAL_POSITION", "IS_NULLABLE", "SCOPE_CATALOG",
        "SCOPE_SCHEMA", "SCOPE_TABLE", "SOURCE_DATA_TYPE", "IS_AUTOINCREMENT", "IS_GENERATEDCOLUMN"),
        labels(md.getColumns(null, null, "NONE", null)));
  }

  @Test
  void columnsOfATable() throws SQLException {
    createShop();
    List<Map<String, Object>> cols = rows(md.getColumns(null, "PUBLIC", "CUSTOMER", null));
    assertEquals(20, cols.size());
    Map<String, Object[]> expected = new LinkedHashMap<>();
    // name -> DATA_TYPE, TYPE_NAME, COLUMN_SIZE, DECIMAL_DIGITS, NUM_PREC_RADIX, CHAR_OCTET_LENGTH
    expected.put("ID", new Object[] {Types.INTEGER, "INTEGER", 10, 0, 10, null});
    expected.put("NAME", new Object[] {Types.VARCHAR, "VARCHAR", 50, null, null, 200});
    expected.put("EMAIL", new Object[] {Types.VARCHAR, "VARCHAR", 100, null, null, 400});
    expected.put("BALANCE", new Object[] {Types.DECIMAL, "DECIMAL", 10, 2, 10, null});
    expected.put("NOTE", new Object[] {Types.CLOB, "CLOB", Integer.MAX_VALUE, null, null, Integer.MAX_VALUE});
    expected.put("PHOTO", new Object[] {Types.BLOB, "BLOB", Integer.MAX_VALUE, null, null, Integer.MAX_VALUE});
    expected.put("TOKEN", new Object[] {Types.OTHER, "UUID", 36, null, null, null});
    expected.put("CREATED", new Object[] {Types.TIMESTAMP, "TIMESTAMP", 23, 3, null, null});
    expected.put("BORN", new Object[] {Types.DATE, "DATE", 10, 0, null, null});
    expected.put("WAKES", new Object[] {Types.TIME, "TIME", 8, 0, null, null});
    expected.put("ACTIVE", new Object[] {Types.BOOLEAN, "BOOLEAN", 1, null, null, null});
    expected.put("SCORE", new Object[] {Types.DOUBLE, "DOUBLE", 15, null, 10, null});
    expected.put("RATIO", new Object[] {Types.REAL, "REAL", 7, null, 10, null});
    expected.put("AGE", new Object[] {Types.SMALLINT, "SMALLINT", 5, 0, 10, null});
    expected.put("TINY", new Object[] {Types.TINYINT, "TINYINT", 3, 0, 10, null});
    expected.put("BIG", new Object[] {Types.BIGINT, "BIGINT", 19, 0, 10, null});
    expected.put("CODE", new Object[] {Types.CHAR, "CHAR", 3, null, null, 12});
    expected.put("BYTES", new Object[] {Types.BINARY, "BINARY", 4, null, null, 4});
    expected.put("VBYTES", new Object[] {Types.VARBINARY, "VARBINARY", 8, null, null, 8});
    expected.put("LOOSE", new Object[] {Types.VARCHAR, "VARCHAR", Integer.MAX_VALUE, null, null, Integer.MAX_VALUE});
    int position = 0;
    for (Map.Entry<String, Object[]> e : expected.entrySet()) {
      Map<String, Object> row = cols.get(position++);
      String name = e.getKey();
      Object[] x = e.getValue();
      assertNull(row.get("TABLE_CAT"));
      assertEquals("PUBLIC", row.get("TABLE_SCHEM"));
      assertEquals("CUSTOMER", row.get("TABLE_NAME"));
      assertEquals(name, row.get("COLUMN_NAME"));
      assertEquals(x[0], row.get("DATA_TYPE"), name);
      assertEquals(x[1], row.get("TYPE_NAME"), name);
      assertEquals(x[2], row.get("COLUMN_SIZE"), name);
      assertNull(row.get("BUFFER_LENGTH"));
      assertEquals(x[3], row.get("DECIMAL_DIGITS"), name);
      assertEquals(x[4], row.get("NUM_PREC_RADIX"), name);
      assertEquals(x[5], row.get("CHAR_OCTET_LENGTH"), name);
      assertEquals(position, row.get("ORDINAL_POSITION"), name);
      boolean nullable = !name.equals("ID") && !name.equals("NAME");
      assertEquals(nullable ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls, row.get("NULLABLE"));
      assertEquals(nullable ? "YES" : "NO", row.get("IS_NULLABLE"), name);
      assertEquals("NO", row.get("IS_AUTOINCREMENT"), name);
      assertEquals("NO", row.get("IS_GENERATEDCOLUMN"), name);
      assertNull(row.get("SQL_DATA_TYPE"));
      assertNull(row.get("SQL_DATETIME_SUB"));
      assertNull(row.get("SCOPE_TABLE"));
      assertNull(row.get("SOURCE_DATA_TYPE"));
      assertEquals(name.equals("NAME") ? "Full name" : null, row.get("REMARKS"), name);
      assertEquals(name.equals("BALANCE") ? "0" : null, row.get("COLUMN_DEF"), name);
    }
    try (ResultSet rs = md.getColumns(null, null, "CUSTOMER", "ID")) {
      assertTrue(rs.next());
      assertEquals(Types.INTEGER, rs.getInt("DATA_TYPE"));
      assertEquals(10, rs.getInt("COLUMN_SIZE"));
      assertEquals(0, rs.getInt("DECIMAL_DIGITS"));
      assertEquals(1, rs.getShort("ORDINAL_POSITION"));
      assertFalse(rs.next());
    }
  }

  @Test
  void identityKeylessViewAndPatternColumns() throws SQLException {
    createShop();
    Map<String, Object> seq = only(rows(md.getColumns(null, null, "EVENT", "SEQ")));
    assertEquals("YES", seq.get("IS_AUTOINCREMENT"));
    assertEquals("NO", seq.get("IS_GENERATEDCOLUMN"));
    assertEquals("NO", seq.get("IS_NULLABLE"));
    assertNull(seq.get("COLUMN_DEF"));

    List<Map<String, Object>> log = rows(md.getColumns(null, null, "LOG", null));
    assertEquals(List.of("MSG", "LOGGED"), column(log, "COLUMN_NAME"), "the hidden _ROWID_ is not listed");
    assertEquals(List.of(1, 2), column(log, "ORDINAL_POSITION"));
    assertEquals(List.of(), rows(md.getColumns(null, null, "%", "\\_ROWID\\_")));

    List<Map<String, Object>> view = rows(md.getColumns(null, null, "RICH", null));
    assertEquals(List.of("ID", "NAME", "BALANCE"), column(view, "COLUMN_NAME"));
    assertEquals(List.of(Types.INTEGER, Types.VARCHAR, Types.DECIMAL), column(view, "DATA_TYPE"));
    assertEquals(List.of("INTEGER", "VARCHAR", "DECIMAL"), column(view, "TYPE_NAME"));
    assertEquals(List.of(1, 2, 3), column(view, "ORDINAL_POSITION"));
    assertEquals("NO", view.get(1).get("IS_NULLABLE"));
    assertEquals(2, view.get(2).get("DECIMAL_DIGITS"));
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM RICH")) {
      ResultSetMetaData m = rs.getMetaData();
      for (int i = 1; i <= 3; i++) {
        Map<String, Object> c = view.get(i - 1);
        assertEquals(m.getColumnLabel(i), c.get("COLUMN_NAME"));
        assertEquals(m.getColumnType(i), c.get("DATA_TYPE"), "a view's columns are described as its query's results");
        assertEquals(m.getColumnTypeName(i), c.get("TYPE_NAME"));
        assertEquals(m.getPrecision(i), c.get("COLUMN_SIZE"));
        assertEquals(m.isNullable(i), c.get("NULLABLE"));
      }
    }

    List<Map<String, Object>> msg = rows(md.getColumns(null, null, "%", "MSG"));
    assertEquals(List.of("EVENT", "LOG"), column(msg, "TABLE_NAME"));
    assertEquals(List.of(2, 1), column(msg, "ORDINAL_POSITION"));
    List<Map<String, Object>> all = rows(md.getColumns(null, "%", null, "%")).stream()
        .filter(r -> !"INFORMATION_SCHEMA".equals(r.get("TABLE_SCHEM"))).toList();
    assertEquals(20 + 2 + 3 + 2 + 3 + 1, all.size());
    assertEquals("THING", all.get(0).get("TABLE_NAME"), "sorted by schema, then table");
    assertEquals(List.of("BALANCE", "BORN", "BIG", "BYTES"), column(rows(md.getColumns(null, null, "CUSTOMER", "B%")),
        "COLUMN_NAME"));
  }

  // ---- keys and indexes ---------------------------------------------------------------------

  @Test
  void primaryKeys() throws SQLException {
    createShop();
    List<Map<String, Object>> pk = rows(md.getPrimaryKeys(null, "PUBLIC", "ORDER_LINE"));
    assertEquals(List.of("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "KEY_SEQ", "PK_NAME"),
        new ArrayList<>(pk.get(0).keySet()));
    assertEquals(List.of("LINE_NO", "ORDER_ID"), column(pk, "COLUMN_NAME"));
    assertEquals(List.of(1, 2), column(pk, "KEY_SEQ"), "SMALLINT reads as Integer (JDBC B-3)");
    assertEquals(List.of("PK_ORDER_LINE", "PK_ORDER_LINE"), column(pk, "PK_NAME"));
    Map<String, Object> customer = only(rows(md.getPrimaryKeys(null, null, "CUSTOMER")));
    assertEquals("ID", customer.get("COLUMN_NAME"));
    assertEquals("PUBLIC", customer.get("TABLE_SCHEM"));
    assertNull(customer.get("TABLE_CAT"));
    assertEquals(List.of(), rows(md.getPrimaryKeys(null, null, "LOG")));
    assertEquals(List.of(), rows(md.getPrimaryKeys(null, null, "RICH")), "views have no keys");
    assertEquals("K", only(rows(md.getPrimaryKeys(null, "OTHER", "THING"))).get("COLUMN_NAME"));
    assertEquals(List.of(), rows(md.getPrimaryKeys(null, "PUBLIC", "THING")));
    assertEquals(List.of(), rows(md.getPrimaryKeys(null, null, "ORDER%")), "a table name, not a pattern");
    assertEquals(5, rows(md.getPrimaryKeys(null, null, "%")).size(), "DBeaver's whole-schema form");

    List<Map<String, Object>> best = rows(md.getBestRowIdentifier(null, null, "ORDER_LINE",
        DatabaseMetaData.bestRowSession, false));
    assertEquals(List.of("LINE_NO", "ORDER_ID"), column(best, "COLUMN_NAME"));
    assertEquals(List.of(Types.INTEGER, Types.BIGINT), column(best, "DATA_TYPE"));
    assertEquals(DatabaseMetaData.bestRowNotPseudo, best.get(0).get("PSEUDO_COLUMN"));
    assertEquals(List.of(), rows(md.getBestRowIdentifier(null, null, "LOG", DatabaseMetaData.bestRowSession, true)));
    assertEquals(8, labels(md.getVersionColumns(null, null, "CUSTOMER")).size());
  }

  @Test
  void indexInfo() throws SQLException {
    createShop();
    List<Map<String, Object>> idx = rows(md.getIndexInfo(null, "PUBLIC", "CUSTOMER", false, true));
    assertEquals(List.of("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "NON_UNIQUE", "INDEX_QUALIFIER", "INDEX_NAME",
        "TYPE", "ORDINAL_POSITION", "COLUMN_NAME", "ASC_OR_DESC", "CARDINALITY", "PAGES", "FILTER_CONDITION"),
        new ArrayList<>(idx.get(0).keySet()));
    List<String> described = idx.stream().map(r -> r.get("NON_UNIQUE") + " " + r.get("INDEX_NAME") + " "
        + r.get("ORDINAL_POSITION") + " " + r.get("COLUMN_NAME") + " " + r.get("ASC_OR_DESC")).toList();
    assertEquals(List.of("false PK_CUSTOMER 1 ID A", "false UK_EMAIL 1 EMAIL A", "true IX_CUSTOMER_NAME 1 NAME D",
        "true IX_CUSTOMER_NAME 2 ID A"), described);
    for (Map<String, Object> r : idx) {
      assertEquals((int) DatabaseMetaData.tableIndexOther, r.get("TYPE"));
      assertEquals("CUSTOMER", r.get("TABLE_NAME"));
      assertNull(r.get("INDEX_QUALIFIER"));
      assertNull(r.get("FILTER_CONDITION"));
    }
    assertEquals(List.of("PK_CUSTOMER", "UK_EMAIL"),
        column(rows(md.getIndexInfo(null, null, "CUSTOMER", true, false)), "INDEX_NAME"));
    List<Map<String, Object>> composite = rows(md.getIndexInfo(null, null, "ORDER_LINE", false, true));
    assertEquals(List.of("LINE_NO", "ORDER_ID"), column(composite, "COLUMN_NAME"));
    assertEquals(List.of(1, 2), column(composite, "ORDINAL_POSITION"));
    assertEquals(List.of(), rows(md.getIndexInfo(null, null, "LOG", false, true)));
    List<Map<String, Object>> all = rows(md.getIndexInfo(null, "PUBLIC", "%", false, true));
    assertEquals(List.of("CUSTOMER", "EVENT", "ORDER_LINE"),
        column(all, "TABLE_NAME").stream().distinct().sorted().toList(), "DBeaver's whole-schema form");
    assertEquals(all, rows(md.getIndexInfo(null, "PUBLIC", null, false, true)));
  }

  @Test
  void foreignKeyResultsHaveTheJdbcColumns() throws SQLException {
    createShop();
    List<String> expected = List.of("PKTABLE_CAT", "PKTABLE_SCHEM", "PKTABLE_NAME", "PKCOLUMN_NAME", "FKTABLE_CAT",
        "FKTABLE_SCHEM", "FKTABLE_NAME", "FKCOLUMN_NAME", "KEY_SEQ", "UPDATE_RULE", "DELETE_RULE", "FK_NAME",
        "PK_NAME", "DEFERRABILITY");
    assertEquals(expected, labels(md.getImportedKeys(null, "PUBLIC", "CUSTOMER")));
    assertEquals(expected, labels(md.getExportedKeys(null, "PUBLIC", "CUSTOMER")));
    assertEquals(expected, labels(md.getCrossReference(null, null, "CUSTOMER", null, null, "ORDER_LINE")));
  }

  private static List<String> describeKeys(List<Map<String, Object>> rows) {
    return rows.stream().map(r -> r.get("PKTABLE_SCHEM") + "." + r.get("PKTABLE_NAME") + "." + r.get("PKCOLUMN_NAME")
        + " <- " + r.get("FKTABLE_SCHEM") + "." + r.get("FKTABLE_NAME") + "." + r.get("FKCOLUMN_NAME") + " #"
        + r.get("KEY_SEQ") + " " + r.get("FK_NAME") + "/" + r.get("PK_NAME") + " upd=" + r.get("UPDATE_RULE")
        + " del=" + r.get("DELETE_RULE")).toList();
  }

  @Test
  void foreignKeys() throws SQLException {
    createShop();
    execute("CREATE TABLE ORDERS (ID INTEGER PRIMARY KEY, CUSTOMER_ID INTEGER, CUSTOMER_EMAIL VARCHAR(100))",
        "CREATE TABLE OTHER.NOTE (ID INTEGER PRIMARY KEY, O BIGINT, L INTEGER)");
    execute("ALTER TABLE ORDERS ADD CONSTRAINT FK_ORDERS_CUSTOMER FOREIGN KEY (CUSTOMER_ID) REFERENCES CUSTOMER"
            + " ON DELETE CASCADE",
        "ALTER TABLE ORDERS ADD CONSTRAINT FK_ORDERS_EMAIL FOREIGN KEY (CUSTOMER_EMAIL) REFERENCES PUBLIC.CUSTOMER"
            + " (EMAIL) ON DELETE SET NULL ON UPDATE RESTRICT",
        "ALTER TABLE OTHER.NOTE ADD CONSTRAINT FK_NOTE_LINE FOREIGN KEY (O, L) REFERENCES PUBLIC.ORDER_LINE"
            + " (ORDER_ID, LINE_NO) ON DELETE NO ACTION ON UPDATE SET DEFAULT");

    List<Map<String, Object>> imported = rows(md.getImportedKeys(null, "PUBLIC", "ORDERS"));
    assertEquals(List.of(
        "PUBLIC.CUSTOMER.ID <- PUBLIC.ORDERS.CUSTOMER_ID #1 FK_ORDERS_CUSTOMER/PK_CUSTOMER upd=3 del=0",
        "PUBLIC.CUSTOMER.EMAIL <- PUBLIC.ORDERS.CUSTOMER_EMAIL #1 FK_ORDERS_EMAIL/UK_EMAIL upd=1 del=2"),
        describeKeys(imported));
    for (Map<String, Object> r : imported) {
      assertNull(r.get("PKTABLE_CAT"));
      assertNull(r.get("FKTABLE_CAT"));
      assertEquals(DatabaseMetaData.importedKeyNotDeferrable, r.get("DEFERRABILITY"));
    }
    assertEquals(describeKeys(imported), describeKeys(rows(md.getExportedKeys(null, "PUBLIC", "CUSTOMER"))));
    assertEquals(List.of(
        "PUBLIC.ORDER_LINE.ORDER_ID <- OTHER.NOTE.O #1 FK_NOTE_LINE/PK_ORDER_LINE upd=4 del=3",
        "PUBLIC.ORDER_LINE.LINE_NO <- OTHER.NOTE.L #2 FK_NOTE_LINE/PK_ORDER_LINE upd=4 del=3"),
        describeKeys(rows(md.getExportedKeys(null, null, "ORDER_LINE"))));
    assertEquals(2, rows(md.getImportedKeys(null, "OTHER", "NOTE")).size());
    assertEquals(List.of(), rows(md.getImportedKeys(null, "PUBLIC", "NOTE")));
    assertEquals(describeKeys(imported),
        describeKeys(rows(md.getCrossReference(null, "PUBLIC", "CUSTOMER", null, "PUBLIC", "ORDERS"))));
    assertEquals(List.of(), rows(md.getCrossReference(null, null, "ORDER_LINE", null, null, "ORDERS")));
    assertEquals(4, rows(md.getExportedKeys(null, null, "%")).size());
    assertEquals(4, rows(md.getImportedKeys(null, null, "%")).size(), "DBeaver's whole-schema form");
    assertEquals(4, rows(md.getImportedKeys(null, null, null)).size());

    // INFORMATION_SCHEMA describes the same keys
    assertEquals(List.of("FK_NOTE_LINE|PUBLIC|PK_ORDER_LINE|SET DEFAULT|NO ACTION",
        "FK_ORDERS_CUSTOMER|PUBLIC|PK_CUSTOMER|NO ACTION|CASCADE", "FK_ORDERS_EMAIL|PUBLIC|UK_EMAIL|RESTRICT|SET NULL"),
        queryRows("SELECT constraint_name, unique_constraint_schema, unique_constraint_name, update_rule,"
            + " delete_rule FROM information_schema.referential_constraints ORDER BY constraint_name"));
    // (O, L) references (ORDER_ID, LINE_NO); the primary key is (LINE_NO, ORDER_ID)
    assertEquals(List.of("O|1|2", "L|2|1"), queryRows("SELECT column_name, ordinal_position,"
        + " position_in_unique_constraint FROM information_schema.key_column_usage"
        + " WHERE constraint_name = 'FK_NOTE_LINE' ORDER BY ordinal_position"));
    assertEquals("FOREIGN KEY", one("SELECT constraint_type FROM information_schema.table_constraints"
        + " WHERE constraint_name = 'FK_ORDERS_EMAIL'"));
  }

  private List<String> queryRows(String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          row.append(i > 1 ? "|" : "").append(rs.getString(i));
        }
        out.add(row.toString());
      }
    }
    return out;
  }

  @Test
  void referentialActions() {
    assertEquals(DatabaseMetaData.importedKeyCascade, MetadataRows.rule("CASCADE"));
    assertEquals(DatabaseMetaData.importedKeySetNull, MetadataRows.rule("SET NULL"));
    assertEquals(DatabaseMetaData.importedKeySetNull, MetadataRows.rule("SET_NULL"));
    assertEquals(DatabaseMetaData.importedKeySetDefault, MetadataRows.rule("set default"));
    assertEquals(DatabaseMetaData.importedKeyRestrict, MetadataRows.rule("RESTRICT"));
    assertEquals(DatabaseMetaData.importedKeyNoAction, MetadataRows.rule("NO ACTION"));
    assertEquals(DatabaseMetaData.importedKeyNoAction, MetadataRows.rule(null));
  }

  @Test
  void patternsTranslateToRegex() {
    assertTrue("T_1".matches(MetadataFilter.toRegex("T\\_1")));
    assertFalse("TX1".matches(MetadataFilter.toRegex("T\\_1")));
    assertTrue("TX1".matches(MetadataFilter.toRegex("T_1")));
    assertTrue("A%B".matches(MetadataFilter.toRegex("A\\%B")));
    assertFalse("AXB".matches(MetadataFilter.toRegex("A\\%B")));
    assertTrue("A\\B".matches(MetadataFilter.toRegex("A\\\\B")));
    assertTrue("a.b(c)".matches(MetadataFilter.toRegex("a.b(%)")));
    assertFalse("axb(c)".matches(MetadataFilter.toRegex("a.b(%)")));
    assertTrue("ANY".matches(MetadataFilter.toRegex("%")));
  }

  // ---- types and empty results --------------------------------------------------------------

  @Test
  void typeInfo() throws SQLException {
    List<Map<String, Object>> types = rows(md.getTypeInfo());
    assertEquals(List.of("TYPE_NAME", "DATA_TYPE", "PRECISION", "LITERAL_PREFIX", "LITERAL_SUFFIX", "CREATE_PARAMS",
        "NULLABLE", "CASE_SENSITIVE", "SEARCHABLE", "UNSIGNED_ATTRIBUTE", "FIXED_PREC_SCALE", "AUTO_INCREMENT",
        "LOCAL_TYPE_NAME", "MINIMUM_SCALE", "MAXIMUM_SCALE", "SQL_DATA_TYPE", "SQL_DATETIME_SUB", "NUM_PREC_RADIX"),
        new ArrayList<>(types.get(0).keySet()));
    assertEquals(ColumnType.values().length, types.size());
    List<Object> codes = column(types, "DATA_TYPE");
    List<Object> sorted = new ArrayList<>(codes);
    sorted.sort((a, b) -> Integer.compare((Integer) a, (Integer) b));
    assertEquals(sorted, codes);
    Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
    types.forEach(t -> byName.put((String) t.get("TYPE_NAME"), t));
    assertEquals(Arrays.stream(ColumnType.values()).map(Enum::name).sorted().toList(),
        byName.keySet().stream().sorted().toList());
    Map<String, Object> varchar = byName.get("VARCHAR");
    assertEquals(Types.VARCHAR, varchar.get("DATA_TYPE"));
    assertEquals(Integer.MAX_VALUE, varchar.get("PRECISION"));
    assertEquals("'", varchar.get("LITERAL_PREFIX"));
    assertEquals("LENGTH", varchar.get("CREATE_PARAMS"));
    assertEquals(true, varchar.get("CASE_SENSITIVE"));
    assertEquals(DatabaseMetaData.typeSearchable, varchar.get("SEARCHABLE"));
    assertEquals(DatabaseMetaData.typeNullable, varchar.get("NULLABLE"));
    Map<String, Object> decimal = byName.get("DECIMAL");
    assertEquals(38, decimal.get("PRECISION"));
    assertEquals("PRECISION,SCALE", decimal.get("CREATE_PARAMS"));
    assertEquals(38, decimal.get("MAXIMUM_SCALE"));
    assertEquals(10, decimal.get("NUM_PREC_RADIX"));
    assertEquals(true, decimal.get("AUTO_INCREMENT"));
    assertEquals(Types.OTHER, byName.get("UUID").get("DATA_TYPE"));
    assertEquals(Types.CLOB, byName.get("CLOB").get("DATA_TYPE"));
    assertEquals(Types.BLOB, byName.get("BLOB").get("DATA_TYPE"));
    assertEquals("TIMESTAMP '", byName.get("TIMESTAMP").get("LITERAL_PREFIX"));
    assertEquals("UUID '", byName.get("UUID").get("LITERAL_PREFIX"));
    assertEquals("X'", byName.get("VARBINARY").get("LITERAL_PREFIX"));
    assertEquals(true, byName.get("BIGINT").get("AUTO_INCREMENT"));
    assertEquals(false, byName.get("DOUBLE").get("AUTO_INCREMENT"));
  }

  @Test
  void absentObjectKindsAreEmptyResultsWithTheirColumns() throws SQLException {
    assertEquals(9, labels(md.getProcedures(null, null, "%")).size());
    assertEquals(20, labels(md.getProcedureColumns(null, null, "%", "%")).size());
    assertEquals(6, labels(md.getFunctions(null, null, "%")).size());
    assertEquals(17, labels(md.getFunctionColumns(null, null, "%", "%")).size());
    assertEquals(7, labels(md.getUDTs(null, null, "%", null)).size());
    assertEquals(6, labels(md.getSuperTypes(null, null, "%")).size());
    assertEquals(4, labels(md.getSuperTables(null, null, "%")).size());
    assertEquals(21, labels(md.getAttributes(null, null, "%", "%")).size());
    assertEquals(7, labels(md.getTablePrivileges(null, null, "%")).size());
    assertEquals(8, labels(md.getColumnPrivileges(null, null, "T", "%")).size());
    assertEquals(12, labels(md.getPseudoColumns(null, null, "%", "%")).size());
    assertEquals(List.of("NAME", "MAX_LEN", "DEFAULT_VALUE", "DESCRIPTION"), labels(md.getClientInfoProperties()));
    assertEquals("PROCEDURE_TYPE", labels(md.getProcedures(null, null, "%")).get(7));
  }

  @Test
  void closedConnectionFails() throws SQLException {
    connection.close();
    for (org.junit.jupiter.api.function.Executable call : List.<org.junit.jupiter.api.function.Executable>of(
        () -> md.getTables(null, null, null, null), () -> md.getColumns(null, null, null, null),
        md::getSchemas, md::getTypeInfo, md::supportsTransactions, md::getDatabaseProductName,
        () -> md.getProcedures(null, null, null))) {
      SQLException e = assertThrows(SQLException.class, call);
      assertEquals("08003", e.getSQLState());
    }
  }

  @Test
  void resultsReflectLaterDdl() throws SQLException {
    assertEquals(List.of(), rows(md.getTables(null, "PUBLIC", null, null)));
    execute("CREATE TABLE LATER (A INTEGER)");
    assertEquals(List.of("LATER"), column(rows(md.getTables(null, "PUBLIC", null, null)), "TABLE_NAME"));
    execute("DROP TABLE LATER");
    assertEquals(List.of(), rows(md.getTables(null, "PUBLIC", null, null)));
    assertArrayEquals(new String[] {"INFORMATION_SCHEMA", "PUBLIC"},
        column(rows(md.getSchemas()), "TABLE_SCHEM").toArray(new String[0]));
  }
}
