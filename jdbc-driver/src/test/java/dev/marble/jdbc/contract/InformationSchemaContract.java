package dev.marble.jdbc.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** INFORMATION_SCHEMA through JDBC: its tables, their standard columns, joins, and that it is read-only. */
public abstract class InformationSchemaContract extends ContractBase {

  private void createShop() throws SQLException {
    exec("CREATE TABLE customer (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL, email VARCHAR(80)"
            + " CONSTRAINT uk_email UNIQUE, balance DECIMAL(10,2) DEFAULT 0, born DATE, seen TIMESTAMP,"
            + " CONSTRAINT ck_balance CHECK (balance >= 0))",
        "CREATE TABLE event (seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, msg CLOB)",
        "CREATE INDEX ix_customer_name ON customer (name DESC, id)",
        "COMMENT ON TABLE customer IS 'People who buy'",
        "COMMENT ON COLUMN customer.name IS 'Full name'",
        "CREATE VIEW rich AS SELECT id, name, balance * 2 AS doubled FROM customer WHERE balance > 1000",
        "CREATE SCHEMA other",
        "CREATE TABLE other.thing (k CHAR(3), PRIMARY KEY (k))",
        "CREATE SEQUENCE order_seq START WITH 100 INCREMENT BY 5");
  }

  @Test
  void schemataListsEverySchemaAndItself() throws SQLException {
    createShop();
    assertEquals(List.of("INFORMATION_SCHEMA", "OTHER", "PUBLIC"),
        rows("SELECT schema_name FROM information_schema.schemata ORDER BY schema_name"));
  }

  @Test
  void tablesWithTypesAndRemarks() throws SQLException {
    createShop();
    assertEquals(List.of("OTHER|THING|BASE TABLE|null", "PUBLIC|CUSTOMER|BASE TABLE|People who buy",
        "PUBLIC|EVENT|BASE TABLE|null", "PUBLIC|RICH|VIEW|null"),
        rows("SELECT table_schema, table_name, table_type, remarks FROM information_schema.tables"
            + " WHERE table_schema <> 'INFORMATION_SCHEMA' ORDER BY 1, 2"));
    List<String> system = rows("SELECT table_name FROM information_schema.tables"
        + " WHERE table_schema = 'INFORMATION_SCHEMA' AND table_type = 'SYSTEM TABLE'");
    for (String t : List.of("SCHEMATA", "TABLES", "COLUMNS", "TABLE_CONSTRAINTS", "KEY_COLUMN_USAGE",
        "REFERENTIAL_CONSTRAINTS", "CHECK_CONSTRAINTS", "VIEWS", "SEQUENCES", "INDEXES")) {
      assertTrue(system.contains(t), () -> t + " in " + system);
    }
  }

  @Test
  void columnsOfTablesAndViews() throws SQLException {
    createShop();
    assertEquals(List.of(
        "ID|1|null|NO|INTEGER|null|10|0|null|NO|null",
        "NAME|2|null|NO|VARCHAR|40|null|null|null|NO|Full name",
        "EMAIL|3|null|YES|VARCHAR|80|null|null|null|NO|null",
        "BALANCE|4|0|YES|DECIMAL|null|10|2|null|NO|null",
        "BORN|5|null|YES|DATE|null|null|null|0|NO|null",
        "SEEN|6|null|YES|TIMESTAMP|null|null|null|3|NO|null"),
        rows("SELECT column_name, ordinal_position, column_default, is_nullable, data_type,"
            + " character_maximum_length, numeric_precision, numeric_scale, datetime_precision, is_identity,"
            + " remarks FROM information_schema.columns WHERE table_name = 'CUSTOMER' ORDER BY ordinal_position"));
    assertEquals(List.of("SEQ|YES|ALWAYS|1|1|NEVER", "MSG|NO|null|null|null|NEVER"),
        rows("SELECT column_name, is_identity, identity_generation, identity_start, identity_increment,"
            + " is_generated FROM information_schema.columns WHERE table_name = 'EVENT' ORDER BY ordinal_position"));
    assertEquals(List.of("ID|INTEGER", "NAME|VARCHAR", "DOUBLED|DECIMAL"),
        rows("SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'PUBLIC'"
            + " AND table_name = 'RICH' ORDER BY ordinal_position"));
    assertEquals("THING|K|CHAR|3|12", one("SELECT table_name, column_name, data_type, character_maximum_length,"
        + " character_octet_length FROM information_schema.columns WHERE table_schema = 'OTHER'"));
  }

  @Test
  void constraintsAndTheirColumns() throws SQLException {
    createShop();
    List<String> constraints = rows("SELECT constraint_name, constraint_type, is_deferrable"
        + " FROM information_schema.table_constraints WHERE table_name = 'CUSTOMER' ORDER BY constraint_type");
    assertEquals(3, constraints.size(), constraints::toString);
    assertEquals("CK_BALANCE|CHECK|NO", constraints.get(0));
    assertTrue(constraints.get(1).endsWith("|PRIMARY KEY|NO"), constraints::toString);
    assertEquals("UK_EMAIL|UNIQUE|NO", constraints.get(2));
    assertEquals("CK_BALANCE", one("SELECT constraint_name FROM information_schema.check_constraints"
        + " WHERE check_clause LIKE '%BALANCE%'"));
    // the join every schema tool writes: which columns make up the primary key of each table
    assertEquals(List.of("OTHER|THING|K|1", "PUBLIC|CUSTOMER|ID|1", "PUBLIC|EVENT|SEQ|1"),
        rows("SELECT k.table_schema, k.table_name, k.column_name, k.ordinal_position"
            + " FROM information_schema.table_constraints t JOIN information_schema.key_column_usage k"
            + " ON k.constraint_schema = t.constraint_schema AND k.constraint_name = t.constraint_name"
            + " AND k.table_name = t.table_name WHERE t.constraint_type = 'PRIMARY KEY' ORDER BY 1, 2, 4"));
    assertEquals("EMAIL|1", one("SELECT column_name, ordinal_position FROM information_schema.key_column_usage"
        + " WHERE constraint_name = 'UK_EMAIL'"));
    assertEquals(List.of(), rows("SELECT * FROM information_schema.referential_constraints"));
  }

  @Test
  void foreignKeys() throws SQLException {
    createShop();
    exec("CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT CONSTRAINT fk_orders_customer"
            + " REFERENCES customer ON DELETE CASCADE, email VARCHAR(80))",
        "ALTER TABLE orders ADD CONSTRAINT fk_orders_email FOREIGN KEY (email) REFERENCES customer (email)"
            + " ON UPDATE SET NULL");
    assertEquals(List.of("FK_ORDERS_CUSTOMER|PUBLIC|PK_CUSTOMER|NONE|NO ACTION|CASCADE",
        "FK_ORDERS_EMAIL|PUBLIC|UK_EMAIL|NONE|SET NULL|NO ACTION"),
        rows("SELECT constraint_name, unique_constraint_schema, unique_constraint_name, match_option,"
            + " update_rule, delete_rule FROM information_schema.referential_constraints ORDER BY 1"));
    // which table and column each foreign key column references: the standard three-way join
    assertEquals(List.of("ORDERS.CUSTOMER_ID -> CUSTOMER.ID", "ORDERS.EMAIL -> CUSTOMER.EMAIL"),
        rows("SELECT fk.table_name || '.' || fk.column_name || ' -> ' || pk.table_name || '.' || pk.column_name"
            + " FROM information_schema.referential_constraints r"
            + " JOIN information_schema.key_column_usage fk ON fk.constraint_schema = r.constraint_schema"
            + " AND fk.constraint_name = r.constraint_name"
            + " JOIN information_schema.key_column_usage pk ON pk.constraint_schema = r.unique_constraint_schema"
            + " AND pk.constraint_name = r.unique_constraint_name"
            + " AND pk.ordinal_position = fk.position_in_unique_constraint ORDER BY 1"));
    assertEquals("FOREIGN KEY", one("SELECT constraint_type FROM information_schema.table_constraints"
        + " WHERE constraint_name = 'FK_ORDERS_CUSTOMER'"));
  }

  @Test
  void indexesOneRowPerColumn() throws SQLException {
    createShop();
    List<String> rows = rows("SELECT index_name, ordinal_position, column_name, is_unique, is_primary_key,"
        + " asc_or_desc, constraint_name FROM information_schema.indexes WHERE table_name = 'CUSTOMER'"
        + " ORDER BY is_primary_key DESC, index_name, ordinal_position");
    assertEquals(4, rows.size(), rows::toString);
    assertTrue(rows.get(0).matches(".*\\|1\\|ID\\|YES\\|YES\\|A\\|.*"), rows::toString);
    assertEquals(List.of("IX_CUSTOMER_NAME|1|NAME|NO|NO|D|null", "IX_CUSTOMER_NAME|2|ID|NO|NO|A|null",
        "UK_EMAIL|1|EMAIL|YES|NO|A|UK_EMAIL"), rows.subList(1, 4));
  }

  @Test
  void viewsAndSequences() throws SQLException {
    createShop();
    String definition = one("SELECT view_definition FROM information_schema.views WHERE table_name = 'RICH'");
    assertEquals("SELECT \"ID\", \"NAME\", \"BALANCE\" * 2 AS \"DOUBLED\" FROM \"CUSTOMER\" WHERE \"BALANCE\" > 1000",
        definition);
    // the columns Hibernate's sequence extractor reads; identity sequences are not listed
    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM information_schema.sequences");
        ResultSet rs = ps.executeQuery()) {
      List<String> names = new ArrayList<>();
      while (rs.next()) {
        names.add(rs.getString("SEQUENCE_NAME"));
        assertEquals("PUBLIC", rs.getString("SEQUENCE_SCHEMA"));
        assertEquals(null, rs.getString("SEQUENCE_CATALOG"));
        assertEquals(100, rs.getLong("START_VALUE"));
        assertEquals(5, rs.getLong("INCREMENT"));
        assertEquals(Long.MAX_VALUE, rs.getLong("MAXIMUM_VALUE"));
        assertTrue(rs.getLong("MINIMUM_VALUE") <= 100);
        assertEquals("NO", rs.getString("CYCLE_OPTION"));
        assertEquals("BIGINT", rs.getString("DATA_TYPE"));
      }
      assertEquals(List.of("ORDER_SEQ"), names);
    }
  }

  @Test
  void aPreparedQuerySeesLaterDdl() throws SQLException {
    String sql = "SELECT table_name FROM information_schema.tables WHERE table_schema = 'PUBLIC' ORDER BY 1";
    assertEquals(List.of(), rows(sql));
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      exec("CREATE TABLE a (x INT)");
      assertEquals(List.of("A"), list(ps));
      exec("CREATE TABLE b (x INT)", "COMMENT ON TABLE a IS 'first'");
      assertEquals(List.of("A", "B"), list(ps));
      assertEquals("first", one("SELECT remarks FROM information_schema.tables WHERE table_name = 'A'"));
      exec("DROP TABLE a");
      assertEquals(List.of("B"), list(ps));
    }
    assertEquals(List.of("B"), rows(sql));
  }

  private static List<String> list(PreparedStatement ps) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  @Test
  void itCanBeTheDefaultSchema() throws SQLException {
    createShop();
    c.setSchema("INFORMATION_SCHEMA");
    assertEquals("INFORMATION_SCHEMA", c.getSchema());
    assertEquals("CUSTOMER", one("SELECT table_name FROM tables WHERE remarks = 'People who buy'"));
    fails("42000", "CREATE TABLE mine (x INT)", "INFORMATION_SCHEMA", "read-only");
    fails("42000", "DELETE FROM views", "INFORMATION_SCHEMA", "read-only");
    assertEquals("0", one("SELECT COUNT(*) FROM public.customer"), "other schemas by qualified name");
    c.setSchema("public");
    assertEquals("PUBLIC", c.getSchema());
  }

  @Test
  void isReadOnly() throws SQLException {
    createShop();
    fails("42000", "INSERT INTO information_schema.schemata (schema_name, default_character_set_name)"
        + " VALUES ('X', 'UTF8')", "INFORMATION_SCHEMA", "read-only");
    fails("42000", "DELETE FROM information_schema.tables", "INFORMATION_SCHEMA", "read-only");
    fails("42000", "UPDATE information_schema.tables SET remarks = 'x'", "INFORMATION_SCHEMA", "read-only");
    fails("42000", "CREATE TABLE information_schema.mine (x INT)", "INFORMATION_SCHEMA", "read-only");
    fails("42000", "DROP TABLE information_schema.tables", "INFORMATION_SCHEMA", "read-only");
    fails("42000", "CREATE SCHEMA information_schema", "INFORMATION_SCHEMA", "read-only");
    fails("42000", "DROP SCHEMA information_schema", "INFORMATION_SCHEMA", "read-only");
    fails("42000", "CREATE INDEX ix ON information_schema.tables (table_name)", "INFORMATION_SCHEMA");
    assertEquals("3", one("SELECT COUNT(*) FROM information_schema.schemata"));
  }
}
