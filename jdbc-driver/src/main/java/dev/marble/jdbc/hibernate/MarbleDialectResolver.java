package dev.marble.jdbc.hibernate;

import org.hibernate.dialect.Dialect;
import org.hibernate.engine.jdbc.dialect.spi.DialectResolutionInfo;
import org.hibernate.engine.jdbc.dialect.spi.DialectResolver;

/**
 * Picks {@link MarbleDialect} for a database whose JDBC product name is "Marble", so applications
 * need no {@code hibernate.dialect} (Spring: {@code spring.jpa.database-platform}). Registered in
 * {@code META-INF/services/org.hibernate.engine.jdbc.dialect.spi.DialectResolver}.
 */
public final class MarbleDialectResolver implements DialectResolver {
  private static final long serialVersionUID = 1L;

  @Override
  public Dialect resolveDialect(DialectResolutionInfo info) {
    return "Marble".equals(info.getDatabaseName()) ? new MarbleDialect(info) : null;
  }
}
