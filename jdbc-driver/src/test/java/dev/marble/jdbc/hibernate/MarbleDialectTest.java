package dev.marble.jdbc.hibernate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.LockModeType;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.LockTimeoutException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Plain Hibernate (no Spring) over a mem: database with the dialect found by its resolver: schema
 * creation, CRUD with IDENTITY and SEQUENCE ids, optimistic and pessimistic locking, paging, JPQL
 * joins and aggregates, and schema validate / update against what create made.
 */
class MarbleDialectTest {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  /** Every SQL statement Hibernate prepared, for asserting on what the dialect made it write. */
  private final List<String> sql = new CopyOnWriteArrayList<>();
  private String url;
  /** Keeps the mem: database alive between session factories. */
  private Connection keepAlive;
  private SessionFactory factory;

  @BeforeEach
  void create() throws SQLException {
    url = "jdbc:marble:mem:hibernate" + COUNTER.incrementAndGet();
    keepAlive = DriverManager.getConnection(url);
    factory = factory("create");
  }

  @AfterEach
  void close() throws SQLException {
    factory.close();
    keepAlive.close();
  }

  private SessionFactory factory(String ddl) {
    return new Configuration()
        .addAnnotatedClass(Customer.class)
        .addAnnotatedClass(PurchaseOrder.class)
        .setProperty("hibernate.connection.url", url + ";lock_timeout=2000")
        .setProperty("hibernate.connection.pool_size", "4")
        .setProperty("hibernate.hbm2ddl.auto", ddl)
        .setProperty("hibernate.hbm2ddl.halt_on_error", "true")
        .setProperty("hibernate.jdbc.batch_size", "10")
        .setStatementInspector(s -> {
          sql.add(s);
          return s;
        })
        .buildSessionFactory();
  }

  @Test
  void resolverPicksTheDialectAndCreateMakesMarbleTypes() throws SQLException {
    assertInstanceOf(MarbleDialect.class, factory.unwrap(SessionFactoryImplementor.class).getJdbcServices()
        .getDialect());
    Map<String, String> types = new java.util.HashMap<>();
    try (ResultSet rs = keepAlive.getMetaData().getColumns(null, "PUBLIC", "PURCHASEORDER", "%")) {
      while (rs.next()) {
        types.put(rs.getString("COLUMN_NAME"), rs.getString("TYPE_NAME"));
      }
    }
    assertEquals("DECIMAL", types.get("AMOUNT"));
    assertEquals("DATE", types.get("PLACED"));
    assertEquals("TIMESTAMP", types.get("CREATED"));
    assertEquals("UUID", types.get("REFERENCE"));
    assertEquals("DOUBLE", types.get("WEIGHT"));
    assertEquals("CLOB", types.get("MEMO"));
    assertEquals("INTEGER", types.get("VERSION"));
  }

  @Test
  void crudWithIdentityAndSequenceIds() {
    long[] ids = factory.fromTransaction(s -> {
      Customer ann = new Customer("ann");
      s.persist(ann);
      PurchaseOrder first = new PurchaseOrder(ann, new BigDecimal("12.50"), LocalDate.of(2026, 1, 2));
      first.memo = "x".repeat(5000);
      s.persist(first);
      PurchaseOrder second = new PurchaseOrder(ann, new BigDecimal("7.25"), LocalDate.of(2026, 1, 3));
      s.persist(second);
      return new long[] {ann.id, first.id, second.id};
    });
    assertNotNull(ids[0]);
    assertEquals(ids[1] + 1, ids[2], "pooled sequence ids");
    assertTrue(sql.stream().anyMatch(q -> q.contains("next value for order_seq")), sql.toString());
    factory.inTransaction(s -> {
      PurchaseOrder o = s.find(PurchaseOrder.class, ids[1]);
      assertEquals(new BigDecimal("12.50"), o.amount);
      assertEquals(5000, o.memo.length());
      assertEquals("ann", o.customer.getName());
      assertEquals(java.time.Instant.parse("2026-01-02T03:04:05.678Z"), o.created);
      o.amount = new BigDecimal("13.00");
    });
    factory.inTransaction(s -> {
      PurchaseOrder o = s.find(PurchaseOrder.class, ids[1]);
      assertEquals(new BigDecimal("13.00"), o.amount);
      assertEquals(1, o.version);
      s.remove(s.find(PurchaseOrder.class, ids[2]));
    });
    factory.inTransaction(s -> assertEquals(1L, s.createQuery("select count(o) from PurchaseOrder o", Long.class)
        .getSingleResult()));
    factory.inTransaction(s -> assertEquals(1, s.createMutationQuery(
        "update Customer c set c.active = false where c.name = :n").setParameter("n", "ann").executeUpdate()));
    factory.inTransaction(s -> assertEquals(0L, s.createQuery(
        "select count(c) from Customer c where c.active = true", Long.class).getSingleResult()));
  }

  @Test
  void versionDetectsAConcurrentUpdate() {
    long id = factory.fromTransaction(s -> {
      Customer c = new Customer("bob");
      s.persist(c);
      PurchaseOrder o = new PurchaseOrder(c, BigDecimal.ONE, null);
      s.persist(o);
      return o.id;
    });
    var first = factory.openSession();
    first.beginTransaction();
    PurchaseOrder stale = first.find(PurchaseOrder.class, id);
    factory.inTransaction(s -> s.find(PurchaseOrder.class, id).amount = BigDecimal.TEN);
    stale.amount = new BigDecimal("2");
    assertThrows(OptimisticLockException.class, () -> {
      try {
        first.getTransaction().commit();
      } finally {
        first.close();
      }
    });
  }

  @Test
  void pagingSortingJoinsAndAggregates() {
    factory.inTransaction(s -> {
      for (String name : List.of("c1", "c2", "c3")) {
        Customer c = new Customer(name);
        s.persist(c);
        for (int i = 1; i <= 4; i++) {
          s.persist(new PurchaseOrder(c, BigDecimal.valueOf(i * 10L), LocalDate.of(2026, 1, i)));
        }
      }
    });
    factory.inTransaction(s -> {
      List<String> page = s.createQuery("select c.name from Customer c order by c.name desc", String.class)
          .setFirstResult(1).setMaxResults(2).getResultList();
      assertEquals(List.of("c2", "c1"), page);
      List<Object[]> totals = s.createQuery("select c.name, count(o), sum(o.amount) from PurchaseOrder o "
          + "join o.customer c where o.amount > :min group by c.name order by c.name", Object[].class)
          .setParameter("min", BigDecimal.TEN).getResultList();
      assertEquals(3, totals.size());
      assertEquals("c1", totals.get(0)[0]);
      assertEquals(3L, totals.get(0)[1]);
      assertEquals(0, new BigDecimal("90").compareTo((BigDecimal) totals.get(0)[2]));
      List<PurchaseOrder> fetched = s.createQuery("select o from PurchaseOrder o join fetch o.customer c "
          + "where c.name = 'c3' order by o.amount", PurchaseOrder.class).setMaxResults(2).getResultList();
      assertEquals(2, fetched.size());
      assertEquals("c3", fetched.get(0).customer.getName());
    });
    assertTrue(sql.stream().anyMatch(q -> q.contains(" offset ") && q.contains(" fetch first ")), sql.toString());
  }

  @Test
  void pessimisticWriteLocksTheRowUntilCommit() throws Exception {
    long id = factory.fromTransaction(s -> {
      Customer c = new Customer("cy");
      s.persist(c);
      PurchaseOrder o = new PurchaseOrder(c, BigDecimal.ONE, null);
      s.persist(o);
      return o.id;
    });
    var locker = factory.openSession();
    locker.beginTransaction();
    PurchaseOrder locked = locker.find(PurchaseOrder.class, id, LockModeType.PESSIMISTIC_WRITE);
    assertTrue(sql.get(sql.size() - 1).contains(" for update"), sql.get(sql.size() - 1));
    try (Connection other = DriverManager.getConnection(url + ";lock_timeout=200");
        Statement st = other.createStatement()) {
      assertEquals("40001", assertThrows(SQLException.class,
          () -> st.executeUpdate("UPDATE purchaseorder SET weight = 1 WHERE id = " + id)).getSQLState());
      // NOWAIT from Hibernate: a lock timeout of 0
      factory.inSession(s -> {
        s.beginTransaction();
        // the failed statement leaves the transaction usable: LockTimeoutException, not PessimisticLockException
        assertThrows(LockTimeoutException.class, () -> s.find(PurchaseOrder.class, id,
            LockModeType.PESSIMISTIC_WRITE, Map.of("jakarta.persistence.lock.timeout", 0)));
        s.getTransaction().rollback();
      });
      assertTrue(sql.get(sql.size() - 1).contains(" nowait"), sql.get(sql.size() - 1));
      locked.weight = 2;
      locker.getTransaction().commit();
      locker.close();
      assertEquals(1, st.executeUpdate("UPDATE purchaseorder SET weight = 3 WHERE id = " + id));
    }
    factory.inTransaction(s -> {
      List<PurchaseOrder> all = s.createQuery("from PurchaseOrder o join fetch o.customer where o.id = :id",
          PurchaseOrder.class).setParameter("id", id).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
      assertEquals(3.0, all.get(0).weight);
    });
  }

  @Test
  void skipLockedIsRefusedNotIgnored() {
    long id = factory.fromTransaction(s -> {
      Customer c = new Customer("sk");
      s.persist(c);
      return c.id;
    });
    factory.inSession(s -> {
      s.beginTransaction();
      // Timeouts.SKIP_LOCKED: refused by Marble rather than dropped by Hibernate (which would wait)
      RuntimeException e = assertThrows(RuntimeException.class, () -> s.find(Customer.class, id,
          LockModeType.PESSIMISTIC_WRITE, Map.of("jakarta.persistence.lock.timeout", -2)));
      assertTrue(String.valueOf(e.getMessage()).contains("SKIP LOCKED"), String.valueOf(e));
      assertTrue(sql.get(sql.size() - 1).endsWith(" skip locked"), sql.get(sql.size() - 1));
      s.getTransaction().rollback();
    });
  }

  @Test
  void validateAndUpdateAcceptTheCreatedSchema() {
    factory.inTransaction(s -> s.persist(new Customer("dee")));
    factory.close();
    sql.clear();
    factory = factory("validate");
    factory.close();
    factory = factory("update");
    assertTrue(sql.isEmpty() || sql.stream().noneMatch(q -> q.startsWith("create") || q.startsWith("alter")),
        sql.toString());
    factory.inTransaction(s -> assertEquals(1L, s.createQuery("select count(c) from Customer c", Long.class)
        .getSingleResult()));
  }
}
