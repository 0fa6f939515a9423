package dev.marble.jdbc.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SELECT surface over Marble tables: joins, grouping, ordering, subqueries, CTEs, windows. */
public abstract class QueryContract extends ContractBase {

  @BeforeEach
  void shop() throws SQLException {
    exec("CREATE TABLE customer (id INT PRIMARY KEY, name VARCHAR(20), city VARCHAR(20))",
        "CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT, amount DECIMAL(8,2), placed DATE)",
        "CREATE TABLE item (order_id INT, sku VARCHAR(10), qty INT, PRIMARY KEY (order_id, sku))",
        "INSERT INTO customer VALUES (1, 'Ada', 'London'), (2, 'Alan', 'Wilmslow'), (3, 'Grace', 'New York'),"
            + " (4, 'Edsger', NULL)",
        "INSERT INTO orders VALUES (10, 1, 25.50, DATE '2024-01-05'), (11, 1, 10.00, DATE '2024-02-01'),"
            + " (12, 2, 99.99, DATE '2024-02-03'), (13, 3, 5.25, DATE '2024-03-01'), (14, NULL, 1.00, NULL)",
        "INSERT INTO item VALUES (10, 'A', 1), (10, 'B', 2), (11, 'A', 3), (12, 'C', 1), (13, 'A', 4)");
  }

  @Test
  void joinsOfEveryKind() throws SQLException {
    assertEquals(List.of("Ada|10", "Ada|11", "Alan|12", "Grace|13"),
        rows("SELECT c.name, o.id FROM customer c JOIN orders o ON o.customer_id = c.id ORDER BY o.id"));
    assertEquals(List.of("Ada|2", "Alan|1", "Edsger|0", "Grace|1"),
        rows("SELECT c.name, COUNT(o.id) FROM customer c LEFT JOIN orders o ON o.customer_id = c.id "
            + "GROUP BY c.name ORDER BY c.name"));
    assertEquals(List.of("14|null"),
        rows("SELECT o.id, c.name FROM customer c RIGHT JOIN orders o ON o.customer_id = c.id WHERE c.id IS NULL"));
    assertEquals(6, rows("SELECT * FROM customer c FULL JOIN orders o ON o.customer_id = c.id").size());
    assertEquals(20, rows("SELECT * FROM customer CROSS JOIN orders").size());
    assertEquals(List.of("Ada|A|4"), rows("SELECT c.name, i.sku, SUM(i.qty) FROM customer c "
        + "JOIN orders o ON o.customer_id = c.id JOIN item i ON i.order_id = o.id "
        + "WHERE i.sku = 'A' AND c.id = 1 GROUP BY c.name, i.sku"));
  }

  @Test
  void groupingAndHaving() throws SQLException {
    assertEquals(List.of("1|2|35.50", "2|1|99.99"), rows("SELECT customer_id, COUNT(*), SUM(amount) FROM orders "
        + "WHERE customer_id IS NOT NULL GROUP BY customer_id HAVING SUM(amount) > 10 ORDER BY customer_id"));
    assertEquals("5|141.74|1.00|99.99", one("SELECT COUNT(*), SUM(amount), MIN(amount), MAX(amount) FROM orders"));
    assertEquals("3", one("SELECT COUNT(DISTINCT customer_id) FROM orders"));
  }

  @Test
  void orderingAndPaging() throws SQLException {
    assertEquals(List.of("12", "10"), rows("SELECT id FROM orders ORDER BY amount DESC LIMIT 2"));
    assertEquals(List.of("11", "12"), rows("SELECT id FROM orders ORDER BY id LIMIT 2 OFFSET 1"));
    assertEquals(List.of("13", "14"),
        rows("SELECT id FROM orders ORDER BY id OFFSET 3 ROWS FETCH FIRST 5 ROWS ONLY"));
    assertEquals(List.of("null", "Wilmslow", "New York", "London"),
        rows("SELECT city FROM customer ORDER BY city DESC NULLS FIRST"));
    assertEquals("null", rows("SELECT city FROM customer ORDER BY city").get(0));
  }

  @Test
  void subqueries() throws SQLException {
    assertEquals(List.of("Ada", "Alan"), rows("SELECT name FROM customer WHERE id IN "
        + "(SELECT customer_id FROM orders WHERE amount > 9) ORDER BY name"));
    assertEquals(List.of("Edsger"), rows("SELECT name FROM customer c WHERE NOT EXISTS "
        + "(SELECT 1 FROM orders o WHERE o.customer_id = c.id)"));
    assertEquals("Alan", one("SELECT name FROM customer WHERE id = (SELECT customer_id FROM orders "
        + "WHERE amount = (SELECT MAX(amount) FROM orders))"));
    assertEquals(List.of("1|35.50"), rows("SELECT * FROM (SELECT customer_id, SUM(amount) AS total FROM orders "
        + "GROUP BY customer_id) t WHERE total BETWEEN 30 AND 40"));
  }

  @Test
  void commonTableExpressionsAlsoRecursive() throws SQLException {
    assertEquals(List.of("Ada|35.50"), rows("WITH totals AS (SELECT customer_id, SUM(amount) AS total FROM orders "
        + "GROUP BY customer_id) SELECT c.name, t.total FROM customer c JOIN totals t ON t.customer_id = c.id "
        + "WHERE c.id = 1"));
    assertEquals("55", one("WITH RECURSIVE n (i) AS (VALUES (1) UNION ALL SELECT i + 1 FROM n WHERE i < 10) "
        + "SELECT SUM(i) FROM n"));
  }

  @Test
  void setOperations() throws SQLException {
    assertEquals(List.of("1", "2", "3", "4"), rows("SELECT id FROM customer UNION SELECT customer_id FROM orders "
        + "WHERE customer_id IS NOT NULL ORDER BY 1"));
    assertEquals(7, rows("SELECT city FROM customer UNION ALL SELECT sku FROM item WHERE qty < 3").size());
    assertEquals(List.of("1", "2", "3"), rows("SELECT id FROM customer INTERSECT SELECT customer_id FROM orders "
        + "ORDER BY 1"));
    assertEquals(List.of("4"), rows("SELECT id FROM customer EXCEPT SELECT customer_id FROM orders"));
  }

  @Test
  void windowFunctions() throws SQLException {
    assertEquals(List.of("10|1|1", "11|1|2", "12|2|1", "13|3|1"), rows("SELECT id, customer_id, ROW_NUMBER() OVER "
        + "(PARTITION BY customer_id ORDER BY placed) FROM orders WHERE customer_id IS NOT NULL ORDER BY id"));
    assertEquals(List.of("10|25.50", "11|35.50"), rows("SELECT id, SUM(amount) OVER (ORDER BY id ROWS UNBOUNDED "
        + "PRECEDING) FROM orders WHERE customer_id = 1 ORDER BY id"));
    assertEquals(List.of("12|1", "10|2"), rows("SELECT id, RANK() OVER (ORDER BY amount DESC) r FROM orders "
        + "ORDER BY r LIMIT 2"));
  }

  @Test
  void caseAndFunctions() throws SQLException {
    assertEquals(List.of("Ada|big", "Alan|big", "Edsger|none", "Grace|small"), rows("SELECT c.name, CASE "
        + "WHEN MAX(o.amount) >= 10 THEN 'big' WHEN MAX(o.amount) IS NULL THEN 'none' ELSE 'small' END "
        + "FROM customer c LEFT JOIN orders o ON o.customer_id = c.id GROUP BY c.name ORDER BY c.name"));
    assertEquals("ADA|ada|3|Ad|Ada!|da|London", one("SELECT UPPER(name), LOWER(name), CHAR_LENGTH(name), "
        + "SUBSTRING(name FROM 1 FOR 2), name || '!', TRIM(LEADING 'A' FROM name), COALESCE(city, '?') "
        + "FROM customer WHERE id = 1"));
    assertEquals("Ada-London|3|xAdax|ad", one("SELECT CONCAT(name, '-', city), LENGTH(name), "
        + "REPLACE('xAx', 'A', name), LOWER(LEFT(name, 2)) FROM customer WHERE id = 1"));
    assertEquals("3|2.51|8.0|5|1|-4", one("SELECT ABS(-3), ROUND(2.499, 2) + 0.01, POWER(2, 3), MOD(17, 6) * 1, "
        + "FLOOR(1.7), CEIL(-4.2)"));
    assertEquals("2024|2|1", one("SELECT EXTRACT(YEAR FROM placed), EXTRACT(MONTH FROM placed), "
        + "EXTRACT(DAY FROM placed) FROM orders WHERE id = 11"));
    assertEquals("2024-02-11", one("SELECT placed + INTERVAL '10' DAY FROM orders WHERE id = 11"));
    assertEquals("1", one("SELECT COUNT(*) FROM orders WHERE placed BETWEEN DATE '2024-02-02' AND "
        + "DATE '2024-02-28'"));
    assertEquals("TRUE", one("SELECT CURRENT_TIMESTAMP > TIMESTAMP '2020-01-01 00:00:00'"));
    assertEquals("2", one("SELECT COUNT(*) FROM customer WHERE name LIKE 'A%'"));
    assertEquals("1", one("SELECT COUNT(*) FROM customer WHERE name LIKE '_r%' ESCAPE '\\'"));
  }

  @Test
  void keyLookupsDoNotScan() throws SQLException {
    String plan = one("EXPLAIN PLAN FOR SELECT name FROM customer WHERE id = 2");
    assertEquals(true, plan.contains("key=[[2]]"), plan);
    assertEquals(false, one("EXPLAIN PLAN FOR SELECT name FROM customer WHERE city = 'x'").contains("key="));
    String update = one("EXPLAIN PLAN FOR UPDATE customer SET city = 'Paris' WHERE id = 3");
    assertEquals(true, update.contains("key=[[3]]"), update);
    assertEquals(1, s.executeUpdate("UPDATE customer SET city = 'Paris' WHERE id = 3"));
    assertEquals("Paris", one("SELECT city FROM customer WHERE id = 3"));
  }
}
