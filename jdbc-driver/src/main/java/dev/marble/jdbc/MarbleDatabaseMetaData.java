package dev.marble.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.RowIdLifetime;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * What a Marble connection's database is and can do, and what its catalog holds.
 *
 * <p>Answers, briefly: product "Marble", JDBC 4.3. Unquoted identifiers are stored upper case,
 * quoted ones as written; names are found case-insensitively (so quoted identifiers are not case
 * sensitive). No catalogs (catalog arguments are ignored, {@code getCatalogs()} is
 * empty, {@code Connection.getCatalog()} null); schemas yes. Objects are listed as TABLE or VIEW,
 * the tables of INFORMATION_SCHEMA as SYSTEM TABLE; internal sequences and the hidden {@code _ROWID_}
 * column of key-less tables never appear. Name patterns are LIKE patterns with
 * escape {@code \}; see {@link MetadataFilter} for how names match. Transactions at all four
 * isolation levels (READ COMMITTED by default), savepoints, batches and generated keys; DDL commits
 * the open transaction first. Results are forward-only, read-only and held over commit. NULLs sort
 * low (first in ascending order). Procedures, functions, UDTs, column privileges and pseudo columns
 * are empty results with the columns JDBC specifies; table privileges come from the grants.
 *
 * <p>IS_GENERATEDCOLUMN is always "NO": Marble has no computed columns; identity columns report
 * IS_AUTOINCREMENT "YES". COLUMN_SIZE and the type names are explained in {@link MetadataTypes}.
 *
 * <p>Every method first checks that the connection is open (SQLState 08003 when not). Catalog
 * results read one snapshot of the catalog.
 */
final class MarbleDatabaseMetaData implements DatabaseMetaData {
  private static final int MAX_NAME_LENGTH = 256;

  private final MarbleConnection connection;

  MarbleDatabaseMetaData(MarbleConnection connection) {
    this.connection = connection;
  }

  private boolean yes() throws SQLException {
    connection.checkOpen();
    return true;
  }

  private boolean no() throws SQLException {
    connection.checkOpen();
    return false;
  }

  private <T> T value(T value) throws SQLException {
    connection.checkOpen();
    return value;
  }

  private MetadataRows rows() throws SQLException {
    connection.checkOpen();
    return new MetadataRows(connection);
  }

  private ResultSet empty(List<ResultColumn> columns) throws SQLException {
    connection.checkOpen();
    return MetadataResults.empty(columns);
  }

  // ---- product, driver, connection ----------------------------------------------------------

  @Override public String getDatabaseProductName() throws SQLException { return value("Marble"); }
  @Override public String getDatabaseProductVersion() throws SQLException { return value(MarbleDriver.VERSION); }
  @Override public int getDatabaseMajorVersion() throws SQLException { return value(MarbleDriver.versionPart(0)); }
  @Override public int getDatabaseMinorVersion() throws SQLException { return value(MarbleDriver.versionPart(1)); }
  @Override public String getDriverName() throws SQLException { return value("Marble JDBC Driver"); }
  @Override public String getDriverVersion() throws SQLException { return value(MarbleDriver.VERSION); }
  @Override public int getDriverMajorVersion() { return MarbleDriver.versionPart(0); }
  @Override public int getDriverMinorVersion() { return MarbleDriver.versionPart(1); }
  @Override public int getJDBCMajorVersion() throws SQLException { return value(4); }
  @Override public int getJDBCMinorVersion() throws SQLException { return value(3); }
  @Override public String getURL() throws SQLException { return value(connection.url()); }
  @Override public String getUserName() throws SQLException { return value(connection.user()); }
  @Override public boolean isReadOnly() throws SQLException { return value(connection.readOnlyMode()); }
  @Override public Connection getConnection() throws SQLException { return value(connection); }
  @Override public boolean usesLocalFiles() throws SQLException { return yes(); }
  @Override public boolean usesLocalFilePerTable() throws SQLException { return yes(); }
  @Override public int getSQLStateType() throws SQLException { return value(sqlStateSQL); }
  @Override public boolean locatorsUpdateCopy() throws SQLException { return yes(); }
  @Override public RowIdLifetime getRowIdLifetime() throws SQLException {
    return value(RowIdLifetime.ROWID_UNSUPPORTED);
  }

  // ---- identifiers and names ----------------------------------------------------------------

  @Override public boolean supportsMixedCaseIdentifiers() throws SQLException { return no(); }
  @Override public boolean storesUpperCaseIdentifiers() throws SQLException { return yes(); }
  @Override public boolean storesLowerCaseIdentifiers() throws SQLException { return no(); }
  @Override public boolean storesMixedCaseIdentifiers() throws SQLException { return no(); }
  /** Quoted names keep their case, but name lookup ignores case: "Ab" and "AB" are one object. */
  @Override public boolean supportsMixedCaseQuotedIdentifiers() throws SQLException { return no(); }
  @Override public boolean storesUpperCaseQuotedIdentifiers() throws SQLException { return no(); }
  @Override public boolean storesLowerCaseQuotedIdentifiers() throws SQLException { return no(); }
  @Override public boolean storesMixedCaseQuotedIdentifiers() throws SQLException { return yes(); }
  @Override public String getIdentifierQuoteString() throws SQLException { return value("\""); }
  @Override public String getSearchStringEscape() throws SQLException { return value("\\"); }
  @Override public String getExtraNameCharacters() throws SQLException { return value("$"); }
  @Override public String getSchemaTerm() throws SQLException { return value("schema"); }
  @Override public String getProcedureTerm() throws SQLException { return value("procedure"); }
  @Override public String getCatalogTerm() throws SQLException { return value("catalog"); }
  @Override public boolean isCatalogAtStart() throws SQLException { return yes(); }
  @Override public String getCatalogSeparator() throws SQLException { return value("."); }
  @Override public boolean supportsSchemasInDataManipulation() throws SQLException { return yes(); }
  @Override public boolean supportsSchemasInProcedureCalls() throws SQLException { return no(); }
  @Override public boolean supportsSchemasInTableDefinitions() throws SQLException { return yes(); }
  @Override public boolean supportsSchemasInIndexDefinitions() throws SQLException { return yes(); }
  @Override public boolean supportsSchemasInPrivilegeDefinitions() throws SQLException { return no(); }
  @Override public boolean supportsCatalogsInDataManipulation() throws SQLException { return no(); }
  @Override public boolean supportsCatalogsInProcedureCalls() throws SQLException { return no(); }
  @Override public boolean supportsCatalogsInTableDefinitions() throws SQLException { return no(); }
  @Override public boolean supportsCatalogsInIndexDefinitions() throws SQLException { return no(); }
  @Override public boolean supportsCatalogsInPrivilegeDefinitions() throws SQLException { return no(); }

  // ---- word lists ---------------------------------------------------------------------------

  @Override public String getSQLKeywords() throws SQLException { return value(MetadataKeywords.SQL_KEYWORDS); }
  @Override public String getNumericFunctions() throws SQLException {
    return value(MetadataKeywords.NUMERIC_FUNCTIONS);
  }
  @Override public String getStringFunctions() throws SQLException {
    return value(MetadataKeywords.STRING_FUNCTIONS);
  }
  @Override public String getSystemFunctions() throws SQLException {
    return value(MetadataKeywords.SYSTEM_FUNCTIONS);
  }
  @Override public String getTimeDateFunctions() throws SQLException {
    return value(MetadataKeywords.TIME_DATE_FUNCTIONS);
  }

  // ---- SQL features -------------------------------------------------------------------------

  @Override public boolean allProceduresAreCallable() throws SQLException { return yes(); } // there are none
  @Override public boolean allTablesAreSelectable() throws SQLException { return yes(); }
  @Override public boolean nullsAreSortedHigh() throws SQLException { return no(); }
  @Override public boolean nullsAreSortedLow() throws SQLException { return yes(); }
  @Override public boolean nullsAreSortedAtStart() throws SQLException { return no(); }
  @Override public boolean nullsAreSortedAtEnd() throws SQLException { return no(); }
  @Override public boolean nullPlusNonNullIsNull() throws SQLException { return yes(); }
  @Override public boolean supportsAlterTableWithAddColumn() throws SQLException { return yes(); }
  @Override public boolean supportsAlterTableWithDropColumn() throws SQLException { return yes(); }
  @Override public boolean supportsColumnAliasing() throws SQLException { return yes(); }
  @Override public boolean supportsConvert() throws SQLException { return yes(); }
  @Override public boolean supportsConvert(int fromType, int toType) throws SQLException {
    return value(convertible(fromType, toType));
  }
  @Override public boolean supportsTableCorrelationNames() throws SQLException { return yes(); }
  @Override public boolean supportsDifferentTableCorrelationNames() throws SQLException { return no(); }
  @Override public boolean supportsExpressionsInOrderBy() throws SQLException { return yes(); }
  @Override public boolean supportsOrderByUnrelated() throws SQLException { return yes(); }
  @Override public boolean supportsGroupBy() throws SQLException { return yes(); }
  @Override public boolean supportsGroupByUnrelated() throws SQLException { return yes(); }
  @Override public boolean supportsGroupByBeyondSelect() throws SQLException { return yes(); }
  @Override public boolean supportsLikeEscapeClause() throws SQLException { return yes(); }
  @Override public boolean supportsMultipleResultSets() throws SQLException { return no(); }
  @Override public boolean supportsMultipleTransactions() throws SQLException { return yes(); }
  @Override public boolean supportsNonNullableColumns() throws SQLException { return yes(); }
  @Override public boolean supportsMinimumSQLGrammar() throws SQLException { return yes(); }
  @Override public boolean supportsCoreSQLGrammar() throws SQLException { return yes(); }
  @Override public boolean supportsExtendedSQLGrammar() throws SQLException { return no(); }
  @Override public boolean supportsANSI92EntryLevelSQL() throws SQLException { return yes(); }
  @Override public boolean supportsANSI92IntermediateSQL() throws SQLException { return yes(); }
  @Override public boolean supportsANSI92FullSQL() throws SQLException { return no(); }
  @Override public boolean supportsIntegrityEnhancementFacility() throws SQLException { return no(); }
  @Override public boolean supportsOuterJoins() throws SQLException { return yes(); }
  @Override public boolean supportsFullOuterJoins() throws SQLException { return yes(); }
  @Override public boolean supportsLimitedOuterJoins() throws SQLException { return yes(); }
  @Override public boolean supportsPositionedDelete() throws SQLException { return no(); }
  @Override public boolean supportsPositionedUpdate() throws SQLException { return no(); }
  @Override public boolean supportsSelectForUpdate() throws SQLException { return yes(); }
  @Override public boolean supportsStoredProcedures() throws SQLException { return no(); }
  @Override public boolean supportsStoredFunctionsUsingCallSyntax() throws SQLException { return no(); }
  @Override public boolean supportsSubqueriesInComparisons() throws SQLException { return yes(); }
  @Override public boolean supportsSubqueriesInExists() throws SQLException { return yes(); }
  @Override public boolean supportsSubqueriesInIns() throws SQLException { return yes(); }
  @Override public boolean supportsSubqueriesInQuantifieds() throws SQLException { return yes(); }
  @Override public boolean supportsCorrelatedSubqueries() throws SQLException { return yes(); }
  @Override public boolean supportsUnion() throws SQLException { return yes(); }
  @Override public boolean supportsUnionAll() throws SQLException { return yes(); }
  @Override public boolean supportsOpenCursorsAcrossCommit() throws SQLException { return yes(); }
  @Override public boolean supportsOpenCursorsAcrossRollback() throws SQLException { return no(); }
  @Override public boolean supportsOpenStatementsAcrossCommit() throws SQLException { return yes(); }
  @Override public boolean supportsOpenStatementsAcrossRollback() throws SQLException { return yes(); }
  @Override public boolean supportsRefCursors() throws SQLException { return no(); }
  @Override public boolean supportsSharding() throws SQLException { return no(); }

  // ---- transactions -------------------------------------------------------------------------

  @Override public boolean supportsTransactions() throws SQLException { return yes(); }
  @Override public int getDefaultTransactionIsolation() throws SQLException {
    return value(Connection.TRANSACTION_READ_COMMITTED);
  }
  @Override public boolean supportsTransactionIsolationLevel(int level) throws SQLException {
    return value(level == Connection.TRANSACTION_READ_UNCOMMITTED || level == Connection.TRANSACTION_READ_COMMITTED
        || level == Connection.TRANSACTION_REPEATABLE_READ || level == Connection.TRANSACTION_SERIALIZABLE);
  }
  @Override public boolean supportsDataDefinitionAndDataManipulationTransactions() throws SQLException {
    return no();
  }
  @Override public boolean supportsDataManipulationTransactionsOnly() throws SQLException { return yes(); }
  @Override public boolean dataDefinitionCausesTransactionCommit() throws SQLException { return yes(); }
  @Override public boolean dataDefinitionIgnoredInTransactions() throws SQLException { return no(); }
  @Override public boolean supportsSavepoints() throws SQLException { return yes(); }
  @Override public boolean autoCommitFailureClosesAllResultSets() throws SQLException { return no(); }

  // ---- statements and results ---------------------------------------------------------------

  @Override public boolean supportsBatchUpdates() throws SQLException { return yes(); }
  @Override public boolean supportsGetGeneratedKeys() throws SQLException { return yes(); }
  @Override public boolean generatedKeyAlwaysReturned() throws SQLException { return no(); }
  @Override public boolean supportsNamedParameters() throws SQLException { return no(); }
  @Override public boolean supportsMultipleOpenResults() throws SQLException { return no(); }
  @Override public boolean supportsStatementPooling() throws SQLException { return no(); }
  @Override public boolean supportsResultSetType(int type) throws SQLException {
    return value(type == ResultSet.TYPE_FORWARD_ONLY);
  }
  @Override public boolean supportsResultSetConcurrency(int type, int concurrency) throws SQLException {
    return value(type == ResultSet.TYPE_FORWARD_ONLY && concurrency == ResultSet.CONCUR_READ_ONLY);
  }
  @Override public boolean supportsResultSetHoldability(int holdability) throws SQLException {
    return value(holdability == ResultSet.HOLD_CURSORS_OVER_COMMIT);
  }
  @Override public int getResultSetHoldability() throws SQLException {
    return value(ResultSet.HOLD_CURSORS_OVER_COMMIT);
  }
  @Override public boolean ownUpdatesAreVisible(int type) throws SQLException { return no(); }
  @Override public boolean ownDeletesAreVisible(int type) throws SQLException { return no(); }
  @Override public boolean ownInsertsAreVisible(int type) throws SQLException { return no(); }
  @Override public boolean othersUpdatesAreVisible(int type) throws SQLException { return no(); }
  @Override public boolean othersDeletesAreVisible(int type) throws SQLException { return no(); }
  @Override public boolean othersInsertsAreVisible(int type) throws SQLException { return no(); }
  @Override public boolean updatesAreDetected(int type) throws SQLException { return no(); }
  @Override public boolean deletesAreDetected(int type) throws SQLException { return no(); }
  @Override public boolean insertsAreDetected(int type) throws SQLException { return no(); }

  // ---- limits (0 = no known limit) ----------------------------------------------------------

  @Override public int getMaxBinaryLiteralLength() throws SQLException { return value(0); }
  @Override public int getMaxCharLiteralLength() throws SQLException { return value(0); }
  @Override public int getMaxColumnNameLength() throws SQLException { return value(MAX_NAME_LENGTH); }
  @Override public int getMaxColumnsInGroupBy() throws SQLException { return value(0); }
  @Override public int getMaxColumnsInIndex() throws SQLException { return value(0); }
  @Override public int getMaxColumnsInOrderBy() throws SQLException { return value(0); }
  @Override public int getMaxColumnsInSelect() throws SQLException { return value(0); }
  @Override public int getMaxColumnsInTable() throws SQLException { return value(0); }
  @Override public int getMaxConnections() throws SQLException { return value(0); }
  @Override public int getMaxCursorNameLength() throws SQLException { return value(0); }
  @Override public int getMaxIndexLength() throws SQLException { return value(0); }
  @Override public int getMaxSchemaNameLength() throws SQLException { return value(MAX_NAME_LENGTH); }
  @Override public int getMaxProcedureNameLength() throws SQLException { return value(0); }
  @Override public int getMaxCatalogNameLength() throws SQLException { return value(0); }
  @Override public int getMaxRowSize() throws SQLException { return value(0); }
  @Override public boolean doesMaxRowSizeIncludeBlobs() throws SQLException { return no(); }
  @Override public int getMaxStatementLength() throws SQLException { return value(0); }
  @Override public int getMaxStatements() throws SQLException { return value(0); }
  @Override public int getMaxTableNameLength() throws SQLException { return value(MAX_NAME_LENGTH); }
  @Override public int getMaxTablesInSelect() throws SQLException { return value(0); }
  @Override public int getMaxUserNameLength() throws SQLException { return value(MAX_NAME_LENGTH); }
  @Override public long getMaxLogicalLobSize() throws SQLException { return value(0L); }

  // ---- the catalog --------------------------------------------------------------------------

  @Override public ResultSet getCatalogs() throws SQLException { return empty(MetadataResults.CATALOGS); }

  @Override public ResultSet getSchemas() throws SQLException { return getSchemas(null, null); }

  @Override public ResultSet getSchemas(String catalog, String schemaPattern) throws SQLException {
    return MetadataResults.of(MetadataResults.SCHEMAS, rows().schemas(schemaPattern));
  }

  @Override public ResultSet getTableTypes() throws SQLException {
    connection.checkOpen();
    return MetadataResults.of(MetadataResults.TABLE_TYPES,
        List.of(new Object[] {MetadataRows.SYSTEM_TABLE}, new Object[] {MetadataRows.TABLE},
            new Object[] {MetadataRows.VIEW}));
  }

  @Override public ResultSet getTables(String catalog, String schemaPattern, String tableNamePattern, String[] types)
      throws SQLException {
    return MetadataResults.of(MetadataResults.TABLES, rows().tables(schemaPattern, tableNamePattern, types));
  }

  @Override public ResultSet getColumns(String catalog, String schemaPattern, String tableNamePattern,
      String columnNamePattern) throws SQLException {
    return MetadataResults.of(MetadataResults.COLUMNS,
        rows().columns(schemaPattern, tableNamePattern, columnNamePattern));
  }

  @Override public ResultSet getPrimaryKeys(String catalog, String schema, String table) throws SQLException {
    return MetadataResults.of(MetadataResults.PRIMARY_KEYS, rows().primaryKeys(schema, table));
  }

  @Override public ResultSet getIndexInfo(String catalog, String schema, String table, boolean unique,
      boolean approximate) throws SQLException {
    return MetadataResults.of(MetadataResults.INDEX_INFO, rows().indexInfo(schema, table, unique));
  }

  @Override public ResultSet getImportedKeys(String catalog, String schema, String table) throws SQLException {
    return MetadataResults.of(MetadataResults.KEYS, rows().keys(null, null, schema, table, false));
  }

  @Override public ResultSet getExportedKeys(String catalog, String schema, String table) throws SQLException {
    return MetadataResults.of(MetadataResults.KEYS, rows().keys(schema, table, null, null, true));
  }

  @Override public ResultSet getCrossReference(String parentCatalog, String parentSchema, String parentTable,
      String foreignCatalog, String foreignSchema, String foreignTable) throws SQLException {
    return MetadataResults.of(MetadataResults.KEYS,
        rows().keys(parentSchema, parentTable, foreignSchema, foreignTable, true));
  }

  @Override public ResultSet getBestRowIdentifier(String catalog, String schema, String table, int scope,
      boolean nullable) throws SQLException {
    return MetadataResults.of(MetadataResults.ROW_IDENTIFIER, rows().bestRowIdentifier(schema, table, nullable));
  }

  @Override public ResultSet getVersionColumns(String catalog, String schema, String table) throws SQLException {
    return empty(MetadataResults.ROW_IDENTIFIER);
  }

  @Override public ResultSet getTypeInfo() throws SQLException {
    connection.checkOpen();
    return MetadataResults.of(MetadataResults.TYPE_INFO, MetadataTypes.typeInfoRows());
  }

  // ---- objects Marble does not have: empty results with the JDBC columns --------------------

  @Override public ResultSet getProcedures(String catalog, String schemaPattern, String procedureNamePattern)
      throws SQLException {
    return empty(MetadataResults.PROCEDURES);
  }

  @Override public ResultSet getProcedureColumns(String catalog, String schemaPattern, String procedureNamePattern,
      String columnNamePattern) throws SQLException {
    return empty(MetadataResults.PROCEDURE_COLUMNS);
  }

  @Override public ResultSet getFunctions(String catalog, String schemaPattern, String functionNamePattern)
      throws SQLException {
    return empty(MetadataResults.FUNCTIONS);
  }

  @Override public ResultSet getFunctionColumns(String catalog, String schemaPattern, String functionNamePattern,
      String columnNamePattern) throws SQLException {
    return empty(MetadataResults.FUNCTION_COLUMNS);
  }

  @Override public ResultSet getUDTs(String catalog, String schemaPattern, String typeNamePattern, int[] types)
      throws SQLException {
    return empty(MetadataResults.UDTS);
  }

  @Override public ResultSet getSuperTypes(String catalog, String schemaPattern, String typeNamePattern)
      throws SQLException {
    return empty(MetadataResults.SUPER_TYPES);
  }

  @Override public ResultSet getSuperTables(String catalog, String schemaPattern, String tableNamePattern)
      throws SQLException {
    return empty(MetadataResults.SUPER_TABLES);
  }

  @Override public ResultSet getAttributes(String catalog, String schemaPattern, String typeNamePattern,
      String attributeNamePattern) throws SQLException {
    return empty(MetadataResults.ATTRIBUTES);
  }

  @Override public ResultSet getTablePrivileges(String catalog, String schemaPattern, String tableNamePattern)
      throws SQLException {
    return MetadataResults.of(MetadataResults.TABLE_PRIVILEGES,
        rows().tablePrivileges(schemaPattern, tableNamePattern));
  }

  @Override public ResultSet getColumnPrivileges(String catalog, String schema, String table,
      String columnNamePattern) throws SQLException {
    return empty(MetadataResults.COLUMN_PRIVILEGES);
  }

  @Override public ResultSet getPseudoColumns(String catalog, String schemaPattern, String tableNamePattern,
      String columnNamePattern) throws SQLException {
    return empty(MetadataResults.PSEUDO_COLUMNS);
  }

  @Override public ResultSet getClientInfoProperties() throws SQLException {
    return empty(MetadataResults.CLIENT_INFO);
  }

  // ---- wrapper ------------------------------------------------------------------------------

  @Override public <T> T unwrap(Class<T> iface) throws SQLException {
    return Wrappers.unwrap(this, iface);
  }

  @Override public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }

  /**
   * Whether CAST (and {@code {fn CONVERT}}) turns values of one JDBC type into another: within
   * numbers, between numbers and BOOLEAN, between text and any non-binary type, DATE/TIME to and
   * from TIMESTAMP, within binary types, and from each type to itself.
   */
  static boolean convertible(int from, int to) {
    String a = family(from);
    String b = family(to);
    if (a == null || b == null) {
      return false;
    }
    if (a.equals(b)) {
      return true;
    }
    if (a.equals("text") || b.equals("text")) {
      return !a.equals("binary") && !b.equals("binary");
    }
    if (a.equals("number") && b.equals("boolean") || a.equals("boolean") && b.equals("number")) {
      return true;
    }
    return (a.equals("timestamp") && (b.equals("date") || b.equals("time")))
        || (b.equals("timestamp") && (a.equals("date") || a.equals("time")));
  }

  private static String family(int jdbcType) {
    return switch (jdbcType) {
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.REAL, Types.FLOAT, Types.DOUBLE,
          Types.DECIMAL, Types.NUMERIC -> "number";
      case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.CLOB, Types.NCHAR, Types.NVARCHAR,
          Types.LONGNVARCHAR, Types.NCLOB -> "text";
      case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> "binary";
      case Types.BOOLEAN, Types.BIT -> "boolean";
      case Types.DATE -> "date";
      case Types.TIME -> "time";
      case Types.TIMESTAMP -> "timestamp";
      case Types.OTHER -> "uuid";
      default -> null;
    };
  }
}
