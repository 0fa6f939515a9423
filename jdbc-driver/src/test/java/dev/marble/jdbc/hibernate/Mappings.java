package dev.marble.jdbc.hibernate;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.DiscriminatorColumn;
import jakarta.persistence.DiscriminatorValue;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.Lob;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Entity mappings applications commonly use, for HibernateMappingsTest. */
final class Mappings {
  private Mappings() {}

  static final List<Class<?>> ENTITIES = List.of(Book.class, Writer.class, Payment.class,
      CardPayment.class, CashPayment.class, Vehicle.class, Car.class, Truck.class);

  enum Genre { NOVEL, POETRY, ESSAY }

  enum Format { HARDCOVER, PAPERBACK, EBOOK }

  @Embeddable
  static class Publisher {
    @Column(name = "publisher_name", length = 80)
    String name;
    @Column(name = "publisher_city")
    String city;

    Publisher() {}

    Publisher(String name, String city) {
      this.name = name;
      this.city = city;
    }
  }

  @Entity(name = "Book")
  @Table(name = "book")
  static class Book {
    @Id
    @GeneratedValue(strategy = GenerationType.UUID)
    UUID id;

    @Column(nullable = false)
    String title;

    Instant created;
    LocalDateTime updated;
    LocalDate published;
    OffsetDateTime reviewed;

    @Enumerated(EnumType.STRING)
    @Column(length = 16)
    Genre genre;

    @Enumerated(EnumType.ORDINAL)
    Format format;

    @Lob
    String text;

    @Lob
    byte[] cover;

    @Column(precision = 19, scale = 2)
    BigDecimal price;

    @Embedded
    Publisher publisher;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "book_keyword", joinColumns = @JoinColumn(name = "book_id"))
    @Column(name = "keyword")
    Set<String> keywords = new HashSet<>();

    @ElementCollection
    @CollectionTable(name = "book_chapter", joinColumns = @JoinColumn(name = "book_id"))
    @OrderColumn(name = "position")
    @Column(name = "title")
    List<String> chapters = new ArrayList<>();

    @ManyToMany
    @JoinTable(name = "book_writer", joinColumns = @JoinColumn(name = "book_id"),
        inverseJoinColumns = @JoinColumn(name = "writer_id"))
    Set<Writer> writers = new HashSet<>();
  }

  @Entity(name = "Writer")
  static class Writer {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    String name;

    @ManyToMany(mappedBy = "writers")
    Set<Book> books = new HashSet<>();

    Writer() {}

    Writer(String name) {
      this.name = name;
    }
  }

  /** Not in {@link #ENTITIES}: added by a later schema update. */
  @Entity(name = "Review")
  static class Review {
    @Id
    @GeneratedValue
    Long id;

    @jakarta.persistence.ManyToOne(optional = false)
    Book book;

    @Column(length = 2000)
    String text;

    int stars;
  }

  @Entity(name = "Payment")
  @Inheritance(strategy = InheritanceType.SINGLE_TABLE)
  @DiscriminatorColumn(name = "kind")
  abstract static class Payment {
    @Id
    @GeneratedValue
    Long id;

    BigDecimal amount;
  }

  @Entity(name = "CardPayment")
  @DiscriminatorValue("CARD")
  static class CardPayment extends Payment {
    String cardNumber;
  }

  @Entity(name = "CashPayment")
  @DiscriminatorValue("CASH")
  static class CashPayment extends Payment {
    String currency;
  }

  @Entity(name = "Vehicle")
  @Inheritance(strategy = InheritanceType.JOINED)
  abstract static class Vehicle {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE)
    Long id;

    String make;
  }

  @Entity(name = "Car")
  static class Car extends Vehicle {
    int seats;
  }

  @Entity(name = "Truck")
  static class Truck extends Vehicle {
    double payload;
  }
}
