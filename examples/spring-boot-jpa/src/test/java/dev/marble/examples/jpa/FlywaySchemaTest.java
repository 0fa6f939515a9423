package dev.marble.examples.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application as configured: Flyway makes the schema at startup and Hibernate validates it
 * (ddl-auto=validate; a mismatch would fail the context).
 */
class FlywaySchemaTest extends ShopApiContract {
  @Autowired
  Flyway flyway;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    database(registry, "flyway");
  }

  @Test
  void flywayMadeTheSchema() {
    assertEquals("1", flyway.info().current().getVersion().getVersion());
  }
}
