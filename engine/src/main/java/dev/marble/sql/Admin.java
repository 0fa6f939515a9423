package dev.marble.sql;

import dev.marble.sql.parser.MarbleAdmin;
import dev.marble.storage.Database;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.sql.type.SqlTypeName;

/** CHECK DATABASE and BACKUP TO: run with DDL excluded, so the catalog holds still. */
final class Admin {
  /** CHECK DATABASE's result: one row per problem found; no rows when the database is sound. */
  static final List<ResultField> CHECK_FIELDS = List.of(
      text("TABLE_NAME"), text("OBJECT"), text("PROBLEM"));

  private Admin() {}

  private static ResultField text(String name) {
    return new ResultField(name, name, null, null, SqlTypeName.VARCHAR, -1, 0, false, null, false);
  }

  static Execution run(Session session, MarbleAdmin statement) {
    Database database = session.database();
    database.schemaLock().lock();
    try {
      if (statement.action == MarbleAdmin.Action.BACKUP) {
        database.backup(Path.of(statement.target));
        return Execution.count(0, null);
      }
      List<Object[]> rows = new ArrayList<>();
      database.check().forEach(f -> rows.add(new Object[] {f.table(), f.object(), f.problem()}));
      return new Execution(Linq4j.enumerator(rows), -1, null);
    } finally {
      database.schemaLock().unlock();
    }
  }
}
