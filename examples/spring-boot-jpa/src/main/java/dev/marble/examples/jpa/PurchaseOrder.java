package dev.marble.examples.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * An order; its id comes from a sequence Hibernate reads 50 values at a time (so inserts batch),
 * and {@code @Version} makes concurrent edits fail instead of overwriting each other.
 */
@Entity
@Table(name = "purchase_order")
public class PurchaseOrder {
  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "order_ids")
  @SequenceGenerator(name = "order_ids", sequenceName = "order_seq", allocationSize = 50)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "customer_id")
  private Customer customer;

  @Column(nullable = false, precision = 12, scale = 2)
  private BigDecimal amount;

  @Column(nullable = false)
  private LocalDate placed;

  @Column(nullable = false, length = 10)
  private String status = "OPEN";

  @Version
  private long version;

  protected PurchaseOrder() {}

  public PurchaseOrder(Customer customer, BigDecimal amount, LocalDate placed) {
    this.customer = customer;
    this.amount = amount;
    this.placed = placed;
  }

  public Long getId() {
    return id;
  }

  public Customer getCustomer() {
    return customer;
  }

  public BigDecimal getAmount() {
    return amount;
  }

  public void setAmount(BigDecimal amount) {
    this.amount = amount;
  }

  public LocalDate getPlaced() {
    return placed;
  }

  public String getStatus() {
    return status;
  }

  public void setStatus(String status) {
    this.status = status;
  }

  public long getVersion() {
    return version;
  }
}
