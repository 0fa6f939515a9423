package dev.marble.jdbc.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ForeignKeyContract} on a file database. */
class FileForeignKeyTest extends ForeignKeyContract {
  @Override
  protected Backend backend(Path dir) {
    return Backend.file(dir);
  }

  @Test
  void foreignKeysSurviveReopen() throws Exception {
    exec("CREATE TABLE parent (id INT PRIMARY KEY)",
        "CREATE TABLE child (id INT PRIMARY KEY, p INT CONSTRAINT fk_keep REFERENCES parent ON DELETE CASCADE)",
        "INSERT INTO parent VALUES (1), (2)", "INSERT INTO child VALUES (1, 1), (2, 2)");
    c.close();
    c = backend.connect();
    s = c.createStatement();
    fails("23503", "INSERT INTO child VALUES (3, 3)", "FK_KEEP");
    assertEquals(1, s.executeUpdate("DELETE FROM parent WHERE id = 1"));
    assertEquals(List.of("2"), rows("SELECT id FROM child"));
  }
}
