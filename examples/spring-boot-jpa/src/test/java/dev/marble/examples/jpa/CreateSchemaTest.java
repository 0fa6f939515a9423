package dev.marble.examples.jpa;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Profile "create": Hibernate makes the schema from the entities (ddl-auto=create), no Flyway. */
@ActiveProfiles("create")
class CreateSchemaTest extends ShopApiContract {
  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    database(registry, "create");
  }
}
