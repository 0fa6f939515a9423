package dev.marble.jdbc.hibernate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import java.util.ArrayList;
import java.util.List;

/** An entity with an IDENTITY id and a collection. */
@Entity
public class Customer {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  Long id;

  @Column(nullable = false, length = 40, unique = true)
  String name;

  boolean active = true;

  @OneToMany(mappedBy = "customer")
  List<PurchaseOrder> orders = new ArrayList<>();

  protected Customer() {}

  Customer(String name) {
    this.name = name;
  }

  /** Through a lazy proxy only methods load the entity (fields of the proxy stay empty). */
  public String getName() {
    return name;
  }
}
