package dev.marble.examples.jpa;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small shop on Marble: customers and their orders behind a REST API. Spring Boot finds the
 * Marble driver through {@code spring.datasource.driver-class-name}, Hibernate finds Marble's
 * dialect by itself, Flyway creates the schema at startup.
 */
@SpringBootApplication
public class ShopApplication {
  public static void main(String[] args) {
    SpringApplication.run(ShopApplication.class, args);
  }
}
