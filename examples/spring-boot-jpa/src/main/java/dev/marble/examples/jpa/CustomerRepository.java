package dev.marble.examples.jpa;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface CustomerRepository extends JpaRepository<Customer, Long> {
  Optional<Customer> findByName(String name);

  /** Derived query (name LIKE 'prefix%') with paging and sorting from the Pageable. */
  Page<Customer> findByActiveAndNameStartingWith(boolean active, String prefix, Pageable pageable);

  /** JPQL with a join and aggregates, one row per customer. */
  @Query("""
      select new dev.marble.examples.jpa.CustomerTotal(c.name, count(o), coalesce(sum(o.amount), 0))
      from Customer c left join c.orders o
      group by c.name
      order by c.name""")
  List<CustomerTotal> totals();
}
