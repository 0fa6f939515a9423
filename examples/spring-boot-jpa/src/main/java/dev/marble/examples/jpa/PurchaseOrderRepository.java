package dev.marble.examples.jpa;

import jakarta.persistence.LockModeType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface PurchaseOrderRepository extends JpaRepository<PurchaseOrder, Long> {
  List<PurchaseOrder> findByCustomerNameOrderByAmountDesc(String customerName);

  @Query("select o from PurchaseOrder o where o.amount >= :min order by o.amount desc, o.id")
  List<PurchaseOrder> findLarge(BigDecimal min);

  /** SELECT ... FOR UPDATE: the row stays locked until the transaction ends. */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select o from PurchaseOrder o where o.id = :id")
  Optional<PurchaseOrder> findForUpdate(long id);
}
