package dev.marble.examples.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/**
 * The shop's REST API against a running server on a fresh Marble database, as a client uses it.
 * Run once per way of making the schema (Flyway, Hibernate's create); each test works on its own
 * customers, so the tests share one application context per profile.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ShopApiContract {
  @LocalServerPort
  int port;
  @Autowired
  PurchaseOrderRepository orders;
  @Autowired
  TransactionTemplate transactions;

  RestClient api;

  /** A new database directory under target/ for the context of {@code profile}. */
  static void database(DynamicPropertyRegistry registry, String profile) {
    try {
      Path dir = Files.createDirectories(Path.of("target", "test-databases"));
      Path db = Files.createTempDirectory(dir, profile + "-").resolve("shop");
      registry.add("marble.dir", db::toString);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @BeforeEach
  void client() {
    api = RestClient.create("http://localhost:" + port);
  }

  private OrderView place(String customer, String amount) {
    return api.post().uri("/orders").body(new ShopController.NewOrder(customer, new BigDecimal(amount)))
        .retrieve().body(OrderView.class);
  }

  private List<OrderView> ordersOf(String customer) {
    return api.get().uri("/customers/{name}/orders", customer).retrieve()
        .body(new ParameterizedTypeReference<List<OrderView>>() {});
  }

  private OrderView order(String customer, long id) {
    return ordersOf(customer).stream().filter(o -> o.id() == id).findFirst().orElseThrow();
  }

  private OrderView changeAmount(long id, long version, String amount) {
    return api.put().uri("/orders/{id}/amount", id)
        .body(new ShopController.AmountChange(version, new BigDecimal(amount))).retrieve().body(OrderView.class);
  }

  @Test
  void placeOrdersWithIdentityAndSequenceIds() {
    OrderView first = place("ann", "12.50");
    OrderView second = place("ann", "99.99");
    place("bob", "5.00");
    assertEquals(first.id() + 1, second.id(), "sequence ids, allocated 50 at a time");
    assertEquals("ann", second.customer());
    assertEquals(0, second.version());
    assertEquals(List.of(new BigDecimal("99.99"), new BigDecimal("12.50")),
        ordersOf("ann").stream().map(OrderView::amount).toList(), "derived query, by amount descending");
  }

  @Test
  void pagesAndSortsCustomers() {
    for (String name : List.of("page-c", "page-a", "page-e", "page-b", "page-d")) {
      place(name, "1");
    }
    ShopController.NamePage page = api.get().uri("/customers?prefix=page-&page=1&size=2&sort=name,desc")
        .retrieve().body(ShopController.NamePage.class);
    assertEquals(List.of("page-c", "page-b"), page.names());
    assertEquals(5, page.total());
    assertEquals(3, page.pages());
  }

  @Test
  void jpqlJoinsAndAggregates() {
    place("sum-x", "10.00");
    place("sum-x", "32.50");
    place("sum-y", "1000.00");
    Map<String, CustomerTotal> totals = new HashMap<>();
    api.get().uri("/totals").retrieve().body(new ParameterizedTypeReference<List<CustomerTotal>>() {})
        .forEach(t -> totals.put(t.customer(), t));
    assertEquals(2, totals.get("sum-x").orders());
    assertEquals(0, new BigDecimal("42.50").compareTo(totals.get("sum-x").total()));
    List<OrderView> large = api.get().uri("/orders/large?min=1000").retrieve()
        .body(new ParameterizedTypeReference<List<OrderView>>() {});
    assertTrue(large.stream().anyMatch(o -> o.customer().equals("sum-y")));
    assertTrue(large.stream().allMatch(o -> o.amount().compareTo(new BigDecimal("1000")) >= 0));
  }

  @Test
  void pessimisticLockMakesTheSecondPaymentWait() throws Exception {
    long id = place("lock-c", "20.00").id();
    CompletableFuture<Void> locked = new CompletableFuture<>();
    CompletableFuture<Void> release = new CompletableFuture<>();
    CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(tx -> {
      orders.findForUpdate(id).orElseThrow(); // SELECT ... FOR UPDATE, held until this transaction ends
      locked.complete(null);
      release.join();
    }));
    locked.get(10, TimeUnit.SECONDS);
    CompletableFuture<OrderView> payment = CompletableFuture.supplyAsync(
        () -> api.post().uri("/orders/{id}/payment", id).retrieve().body(OrderView.class));
    assertThrows(TimeoutException.class, () -> payment.get(500, TimeUnit.MILLISECONDS), "payment must wait");
    release.complete(null);
    holder.get(10, TimeUnit.SECONDS);
    assertEquals("PAID", payment.get(10, TimeUnit.SECONDS).status());
    HttpClientErrorException again = assertThrows(HttpClientErrorException.class,
        () -> api.post().uri("/orders/{id}/payment", id).retrieve().body(OrderView.class));
    assertEquals(409, again.getStatusCode().value());
  }

  @Test
  void failedTransferRollsBackItsFirstHalf() {
    long rich = place("transfer-r", "100.00").id();
    long poor = place("transfer-p", "10.00").id();
    HttpClientErrorException refused = assertThrows(HttpClientErrorException.class, () -> api.post()
        .uri("/transfers").body(new ShopController.Transfer(poor, rich, new BigDecimal("50"))).retrieve()
        .toBodilessEntity());
    assertEquals(409, refused.getStatusCode().value());
    assertEquals(new BigDecimal("100.00"), order("transfer-r", rich).amount(), "the credit was rolled back");
    api.post().uri("/transfers").body(new ShopController.Transfer(poor, rich, new BigDecimal("4.50")))
        .retrieve().toBodilessEntity();
    assertEquals(new BigDecimal("104.50"), order("transfer-r", rich).amount());
    assertEquals(new BigDecimal("5.50"), order("transfer-p", poor).amount());
  }

  @Test
  void versionStopsLostUpdates() {
    OrderView placed = place("version-v", "7.00");
    OrderView changed = changeAmount(placed.id(), placed.version(), "8.00");
    assertNotEquals(placed.version(), changed.version());
    HttpClientErrorException stale = assertThrows(HttpClientErrorException.class,
        () -> changeAmount(placed.id(), placed.version(), "9.00"));
    assertEquals(409, stale.getStatusCode().value());
    // @Version itself: a transaction that read the row before another one changed it cannot write it
    assertThrows(ObjectOptimisticLockingFailureException.class, () -> transactions.executeWithoutResult(tx -> {
      PurchaseOrder read = orders.findById(placed.id()).orElseThrow();
      changeAmount(placed.id(), changed.version(), "10.00");
      read.setAmount(new BigDecimal("11.00"));
    }));
    assertEquals(new BigDecimal("10.00"), order("version-v", placed.id()).amount());
  }
}
