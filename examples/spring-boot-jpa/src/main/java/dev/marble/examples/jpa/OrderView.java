package dev.marble.examples.jpa;

import java.math.BigDecimal;

/** An order as the API shows it; made inside the transaction, so no lazy loading happens later. */
public record OrderView(long id, String customer, BigDecimal amount, String status, long version) {
  static OrderView of(PurchaseOrder o) {
    return new OrderView(o.getId(), o.getCustomer().getName(), o.getAmount(), o.getStatus(), o.getVersion());
  }
}
