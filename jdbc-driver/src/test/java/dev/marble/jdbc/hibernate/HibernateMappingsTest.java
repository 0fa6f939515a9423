package dev.marble.jdbc.hibernate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.marble.jdbc.hibernate.Mappings.Book;
import dev.marble.jdbc.hibernate.Mappings.Car;
import dev.marble.jdbc.hibernate.Mappings.CardPayment;
import dev.marble.jdbc.hibernate.Mappings.CashPayment;
import dev.marble.jdbc.hibernate.Mappings.Format;
import dev.marble.jdbc.hibernate.Mappings.Genre;
import dev.marble.jdbc.hibernate.Mappings.Payment;
import dev.marble.jdbc.hibernate.Mappings.Publisher;
import dev.marble.jdbc.hibernate.Mappings.Review;
import dev.marble.jdbc.hibernate.Mappings.Truck;
import dev.marble.jdbc.hibernate.Mappings.Vehicle;
import dev.marble.jdbc.hibernate.Mappings.Writer;
import jakarta.persistence.Tuple;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Root;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The entity mappings applications commonly use, through plain Hibernate and the MarbleDialect:
 * generated UUID ids, java.time fields, enums, LOBs, embeddables, element collections, many-to-many,
 * both inheritance strategies, order columns; Criteria, native and JPQL queries with functions;
 * create-drop and update run twice.
 */
class HibernateMappingsTest {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private String url;
  private Connection keepAlive;
  private SessionFactory factory;

  @BeforeEach
  void create() throws SQLException {
    url = "jdbc:marble:mem:mappings" + COUNTER.incrementAndGet();
    keepAlive = DriverManager.getConnection(url);
    factory = factory("create-drop");
  }

  @AfterEach
  void close() throws SQLException {
    factory.close();
    keepAlive.close();
  }

  private SessionFactory factory(String ddl, Class<?>... more) {
    Configuration configuration = new Configuration()
        .setProperty("hibernate.connection.url", url)
        .setProperty("hibernate.connection.pool_size", "2")
        .setProperty("hibernate.hbm2ddl.auto", ddl)
        .setProperty("hibernate.hbm2ddl.halt_on_error", "true");
    Mappings.ENTITIES.forEach(configuration::addAnnotatedClass);
    java.util.Arrays.stream(more).forEach(configuration::addAnnotatedClass);
    return configuration.buildSessionFactory();
  }

  private UUID saveBook() {
    return factory.fromTransaction(s -> {
      Writer ann = new Writer("Ann");
      Writer bob = new Writer("Bob");
      s.persist(ann);
      s.persist(bob);
      Book b = new Book();
      b.title = "It's a Book";
      b.created = Instant.parse("2026-03-04T05:06:07.123Z");
      b.updated = LocalDateTime.of(2026, 3, 4, 5, 6, 7);
      b.published = LocalDate.of(2024, 2, 29);
      b.reviewed = OffsetDateTime.of(2026, 3, 4, 5, 6, 7, 0, ZoneOffset.ofHours(2));
      b.genre = Genre.POETRY;
      b.format = Format.EBOOK;
      b.text = "ä".repeat(10_000);
      b.cover = new byte[] {1, 2, 3, (byte) 0xff};
      b.price = new BigDecimal("19.99");
      b.publisher = new Publisher("Penguin", "London");
      b.keywords.addAll(Set.of("verse", "classic"));
      b.chapters.addAll(List.of("One", "Two", "Three"));
      b.writers.addAll(Set.of(ann, bob));
      s.persist(b);
      return b.id;
    });
  }

  @Test
  void everyMappingRoundTrips() {
    UUID id = saveBook();
    assertNotNull(id);
    factory.inTransaction(s -> {
      Book b = s.find(Book.class, id);
      assertEquals("It's a Book", b.title);
      assertEquals(Instant.parse("2026-03-04T05:06:07.123Z"), b.created);
      assertEquals(LocalDateTime.of(2026, 3, 4, 5, 6, 7), b.updated);
      assertEquals(LocalDate.of(2024, 2, 29), b.published);
      assertEquals(b.reviewed.toInstant(), OffsetDateTime.of(2026, 3, 4, 5, 6, 7, 0, ZoneOffset.ofHours(2)).toInstant());
      assertEquals(Genre.POETRY, b.genre);
      assertEquals(Format.EBOOK, b.format);
      assertEquals(10_000, b.text.length());
      assertArrayEquals(new byte[] {1, 2, 3, (byte) 0xff}, b.cover);
      assertEquals(new BigDecimal("19.99"), b.price);
      assertEquals("London", b.publisher.city);
      assertEquals(Set.of("verse", "classic"), b.keywords);
      assertEquals(List.of("One", "Two", "Three"), b.chapters);
      assertEquals(2, b.writers.size());
      b.chapters.add(1, "One and a half");
      b.chapters.remove("Three");
    });
    factory.inTransaction(s -> assertEquals(List.of("One", "One and a half", "Two"),
        s.find(Book.class, id).chapters));
  }

  @Test
  void inheritanceSingleTableAndJoined() {
    factory.inTransaction(s -> {
      CardPayment card = new CardPayment();
      card.amount = new BigDecimal("10.00");
      card.cardNumber = "4111";
      CashPayment cash = new CashPayment();
      cash.amount = new BigDecimal("5.50");
      cash.currency = "EUR";
      s.persist(card);
      s.persist(cash);
      Car car = new Car();
      car.make = "Volvo";
      car.seats = 5;
      Truck truck = new Truck();
      truck.make = "MAN";
      truck.payload = 12.5;
      s.persist(car);
      s.persist(truck);
    });
    factory.inTransaction(s -> {
      List<Payment> payments = s.createQuery("from Payment p order by p.amount", Payment.class).getResultList();
      assertInstanceOf(CashPayment.class, payments.get(0));
      assertInstanceOf(CardPayment.class, payments.get(1));
      assertEquals(1, s.createQuery("from CardPayment", CardPayment.class).getResultList().size());
      List<Vehicle> vehicles = s.createQuery("from Vehicle v order by v.make", Vehicle.class).getResultList();
      assertInstanceOf(Truck.class, vehicles.get(0));
      assertEquals(5, ((Car) vehicles.get(1)).seats);
      assertEquals(1L, s.createQuery("select count(t) from Truck t where t.payload > 10", Long.class)
          .getSingleResult());
    });
  }

  @Test
  void criteriaNativeAndJpqlFunctions() {
    saveBook();
    factory.inTransaction(s -> {
      CriteriaBuilder cb = s.getCriteriaBuilder();
      CriteriaQuery<Book> q = cb.createQuery(Book.class);
      Root<Book> root = q.from(Book.class);
      q.select(root).where(cb.and(cb.like(cb.lower(root.get("title")), "%book%"),
          cb.equal(root.get("genre"), Genre.POETRY), cb.greaterThan(root.get("price"), BigDecimal.ONE)))
          .orderBy(cb.desc(root.get("created")));
      assertEquals(1, s.createQuery(q).getResultList().size());

      Tuple t = s.createQuery("""
          select lower(b.title), upper(b.title), concat(b.title, '!'), length(b.title),
                 substring(b.title, 1, 4), coalesce(b.publisher.name, 'none'),
                 count(distinct w.id),
                 case when b.price > 10 then 'dear' else 'cheap' end,
                 locate('Book', b.title), trim(b.title), abs(b.price), mod(length(b.title), 3)
          from Book b join b.writers w
          where b.published between :from and :to and b.format = :format
          group by b.id, b.title, b.publisher.name, b.price""", Tuple.class)
          .setParameter("from", LocalDate.of(2024, 1, 1))
          .setParameter("to", LocalDate.of(2024, 12, 31))
          .setParameter("format", Format.EBOOK)
          .getSingleResult();
      assertEquals("it's a book", t.get(0));
      assertEquals("IT'S A BOOK", t.get(1));
      assertEquals("It's a Book!", t.get(2));
      assertEquals(11, ((Number) t.get(3)).intValue());
      assertEquals("It's", t.get(4));
      assertEquals("Penguin", t.get(5));
      assertEquals(2L, t.get(6));
      assertEquals("dear", t.get(7));
      assertEquals(8, ((Number) t.get(8)).intValue());

      List<?> names = s.createQuery(
          "select w.name from Writer w where w.name in (:names) and exists "
              + "(select 1 from Book b join b.writers bw where bw = w and b.genre = 'POETRY') order by w.name", String.class)
          .setParameter("names", List.of("Ann", "Bob", "Cy"))
          .getResultList();
      assertEquals(List.of("Ann", "Bob"), names);

      List<?> rows = s.createNativeQuery(
          "SELECT b.title, k.keyword FROM book b JOIN book_keyword k ON k.book_id = b.id WHERE b.genre = ? ORDER BY k.keyword",
          Object[].class).setParameter(1, "POETRY").getResultList();
      assertEquals(2, rows.size());
      assertEquals(1, s.createNativeMutationQuery("UPDATE book SET title = upper(title) WHERE format = 2")
          .executeUpdate());
    });
  }

  @Test
  void updateCreatesThenKeepsTheSchema() {
    factory.close(); // create-drop drops the schema here
    factory = factory("update");
    saveBook();
    factory.close();
    factory = factory("update");
    factory.close();
    factory = factory("update", Review.class); // a new entity: its table, sequence and foreign key
    factory.close();
    factory = factory("validate", Review.class);
    factory.inTransaction(s -> {
      assertEquals(1L, s.createQuery("select count(b) from Book b", Long.class).getSingleResult());
      assertEquals(2L, s.createQuery("select count(w) from Writer w", Long.class).getSingleResult());
      Review r = new Review();
      r.book = s.createQuery("from Book", Book.class).getSingleResult();
      r.text = "Fine";
      r.stars = 4;
      s.persist(r);
    });
    factory.inTransaction(s -> assertEquals(4, s.createQuery(
        "select r.stars from Review r join r.book b where b.title like 'It%'", Integer.class).getSingleResult()));
  }
}
