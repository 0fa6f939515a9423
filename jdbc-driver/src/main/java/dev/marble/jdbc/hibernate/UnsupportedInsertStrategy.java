package dev.marble.jdbc.hibernate;

import org.hibernate.query.spi.DomainQueryExecutionContext;
import org.hibernate.query.sqm.internal.DomainParameterXref;
import org.hibernate.query.sqm.mutation.spi.MultiTableHandlerBuildResult;
import org.hibernate.query.sqm.mutation.spi.SqmMultiTableInsertStrategy;
import org.hibernate.query.sqm.tree.insert.SqmInsertStatement;

/**
 * HQL {@code insert ... select} that Hibernate cannot turn into one SQL INSERT (an entity spread
 * over several tables, or ids from a generator Hibernate must call per row) needs a temporary
 * table or DML inside WITH, and Marble has neither: such a statement fails with this message
 * instead of Hibernate creating helper tables at every startup.
 */
final class UnsupportedInsertStrategy implements SqmMultiTableInsertStrategy {
  private final String entityName;

  UnsupportedInsertStrategy(String entityName) {
    this.entityName = entityName;
  }

  @Override
  public MultiTableHandlerBuildResult buildHandler(SqmInsertStatement<?> statement, DomainParameterXref xref,
      DomainQueryExecutionContext context) {
    throw new UnsupportedOperationException("HQL insert-select into " + entityName + " needs a temporary table, "
        + "which Marble does not have; insert the entities one by one (persist) instead");
  }
}
