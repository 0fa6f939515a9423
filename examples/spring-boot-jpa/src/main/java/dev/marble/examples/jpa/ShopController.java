package dev.marble.examples.jpa;

import java.math.BigDecimal;
import java.util.List;
import java.util.NoSuchElementException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The REST API: JSON in and out; entities never leave their transaction (records do). */
@RestController
public class ShopController {
  private final ShopService shop;
  private final CustomerRepository customers;

  public ShopController(ShopService shop, CustomerRepository customers) {
    this.shop = shop;
    this.customers = customers;
  }

  public record NewOrder(String customer, BigDecimal amount) {}

  /** One page of customer names. */
  public record NamePage(List<String> names, long total, int pages) {}

  public record Transfer(long from, long to, BigDecimal amount) {}

  public record AmountChange(long version, BigDecimal amount) {}

  @PostMapping("/orders")
  @ResponseStatus(HttpStatus.CREATED)
  public OrderView place(@RequestBody NewOrder order) {
    return shop.placeOrder(order.customer(), order.amount());
  }

  @GetMapping("/customers")
  public NamePage customers(@RequestParam(defaultValue = "") String prefix,
      @RequestParam(defaultValue = "true") boolean active, Pageable pageable) {
    Page<Customer> page = customers.findByActiveAndNameStartingWith(active, prefix, pageable);
    return new NamePage(page.map(Customer::getName).getContent(), page.getTotalElements(), page.getTotalPages());
  }

  @GetMapping("/customers/{name}/orders")
  public List<OrderView> ordersOf(@PathVariable String name) {
    return shop.ordersOf(name);
  }

  @GetMapping("/orders/large")
  public List<OrderView> large(@RequestParam BigDecimal min) {
    return shop.large(min);
  }

  @GetMapping("/totals")
  public List<CustomerTotal> totals() {
    return customers.totals();
  }

  @PostMapping("/orders/{id}/payment")
  public OrderView pay(@PathVariable long id) {
    return shop.pay(id);
  }

  @PostMapping("/transfers")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  public void transfer(@RequestBody Transfer t) {
    shop.transfer(t.from(), t.to(), t.amount());
  }

  @PutMapping("/orders/{id}/amount")
  public OrderView changeAmount(@PathVariable long id, @RequestBody AmountChange change) {
    return shop.changeAmount(id, change.version(), change.amount());
  }

  @ExceptionHandler(NoSuchElementException.class)
  ProblemDetail notFound(NoSuchElementException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
  }

  @ExceptionHandler({IllegalStateException.class, IllegalArgumentException.class,
      ObjectOptimisticLockingFailureException.class})
  ProblemDetail conflict(RuntimeException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
  }
}
