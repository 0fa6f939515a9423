package dev.marble.jdbc.hibernate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** An entity with a pooled SEQUENCE id, a many-to-one, a version and most column types. */
@Entity
public class PurchaseOrder {
  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "order_seq")
  @SequenceGenerator(name = "order_seq", sequenceName = "order_seq", allocationSize = 50)
  Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  Customer customer;

  @Column(precision = 10, scale = 2, nullable = false)
  BigDecimal amount;

  LocalDate placed;

  Instant created = Instant.parse("2026-01-02T03:04:05.678Z");

  UUID reference = UUID.randomUUID();

  double weight;

  @Lob
  String memo;

  @Version
  int version;

  protected PurchaseOrder() {}

  PurchaseOrder(Customer customer, BigDecimal amount, LocalDate placed) {
    this.customer = customer;
    this.amount = amount;
    this.placed = placed;
  }
}
