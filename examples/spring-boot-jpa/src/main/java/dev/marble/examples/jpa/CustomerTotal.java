package dev.marble.examples.jpa;

import java.math.BigDecimal;

/** A row of {@link CustomerRepository#totals()}. */
public record CustomerTotal(String customer, long orders, BigDecimal total) {}
