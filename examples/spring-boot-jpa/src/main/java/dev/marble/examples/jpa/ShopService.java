package dev.marble.examples.jpa;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.NoSuchElementException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The shop's transactions. */
@Service
public class ShopService {
  private final CustomerRepository customers;
  private final PurchaseOrderRepository orders;

  public ShopService(CustomerRepository customers, PurchaseOrderRepository orders) {
    this.customers = customers;
    this.orders = orders;
  }

  @Transactional
  public OrderView placeOrder(String customerName, BigDecimal amount) {
    Customer customer = customers.findByName(customerName)
        .orElseGet(() -> customers.save(new Customer(customerName)));
    PurchaseOrder order = orders.save(new PurchaseOrder(customer, amount, LocalDate.now()));
    orders.flush(); // the version the caller sees is the stored one
    return OrderView.of(order);
  }

  @Transactional(readOnly = true)
  public List<OrderView> ordersOf(String customerName) {
    return orders.findByCustomerNameOrderByAmountDesc(customerName).stream().map(OrderView::of).toList();
  }

  @Transactional(readOnly = true)
  public List<OrderView> large(BigDecimal min) {
    return orders.findLarge(min).stream().map(OrderView::of).toList();
  }

  /**
   * Pays an order: the row is locked (SELECT ... FOR UPDATE) before its status is checked, so two
   * concurrent payments of one order run one after the other and the second sees PAID.
   */
  @Transactional
  public OrderView pay(long orderId) {
    PurchaseOrder order = orders.findForUpdate(orderId).orElseThrow(() -> notFound(orderId));
    if (!order.getStatus().equals("OPEN")) {
      throw new IllegalStateException("Order " + orderId + " is " + order.getStatus());
    }
    order.setStatus("PAID");
    orders.flush();
    return OrderView.of(order);
  }

  /**
   * Moves an amount from one order to another: both changes or none. A transfer that would make
   * the source negative fails after the target was already credited, and the rollback undoes it.
   */
  @Transactional
  public void transfer(long fromId, long toId, BigDecimal amount) {
    PurchaseOrder to = orders.findForUpdate(toId).orElseThrow(() -> notFound(toId));
    to.setAmount(to.getAmount().add(amount));
    orders.flush();
    PurchaseOrder from = orders.findForUpdate(fromId).orElseThrow(() -> notFound(fromId));
    if (from.getAmount().compareTo(amount) < 0) {
      throw new IllegalArgumentException("Order " + fromId + " holds only " + from.getAmount());
    }
    from.setAmount(from.getAmount().subtract(amount));
  }

  /** Changes an order's amount if the caller saw its current version (optimistic locking). */
  @Transactional
  public OrderView changeAmount(long orderId, long expectedVersion, BigDecimal amount) {
    PurchaseOrder order = orders.findById(orderId).orElseThrow(() -> notFound(orderId));
    if (order.getVersion() != expectedVersion) {
      throw new org.springframework.orm.ObjectOptimisticLockingFailureException(PurchaseOrder.class, orderId);
    }
    order.setAmount(amount);
    orders.flush();
    return OrderView.of(order);
  }

  private static NoSuchElementException notFound(long id) {
    return new NoSuchElementException("No order " + id);
  }
}
