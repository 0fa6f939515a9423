package dev.marble.jdbc.compat;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a migration script into statements the way migration tools do: at a semicolon outside
 * string literals, quoted identifiers and comments. Comments stay in the statement text, as Flyway
 * sends them, so the engine sees them too. A statement preceded by a line {@code -- error: STATE}
 * is expected to fail with that SQLState; one preceded by {@code -- rows: a|1; b|2} must return
 * exactly those rows, in that order (values as {@code getString} gives them).
 */
record SqlScript(String name, List<Statement> statements) {
  record Statement(int line, String sql, String expectedState, String expectedRows) {}

  static SqlScript parse(String name, String text) {
    List<Statement> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int line = 1;
    int startLine = 1;
    String expected = null;
    String rows = null;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '-' && text.startsWith("--", i)) {
        int end = text.indexOf('\n', i);
        end = end < 0 ? text.length() : end;
        String comment = text.substring(i + 2, end).trim();
        if (comment.startsWith("error:")) {
          expected = comment.substring("error:".length()).trim();
        } else if (comment.startsWith("rows:")) {
          rows = comment.substring("rows:".length()).trim();
        }
        current.append(text, i, end);
        i = end;
      } else if (c == '/' && text.startsWith("/*", i)) {
        int end = text.indexOf("*/", i + 2) + 2;
        line += count(text, i, end);
        current.append(text, i, end);
        i = end;
      } else if (c == '\'' || c == '"') {
        int end = i + 1;
        while (true) {
          end = text.indexOf(c, end) + 1;
          if (end < text.length() && text.charAt(end) == c) {
            end++;
          } else {
            break;
          }
        }
        line += count(text, i, end);
        current.append(text, i, end);
        i = end;
      } else if (c == ';') {
        add(out, startLine, current, expected, rows);
        expected = null;
        rows = null;
        i++;
      } else {
        if (c == '\n') {
          line++;
        }
        if (current.toString().isBlank() && !Character.isWhitespace(c)) {
          startLine = line;
        }
        current.append(c);
        i++;
      }
    }
    add(out, startLine, current, expected, rows);
    return new SqlScript(name, out);
  }

  private static void add(List<Statement> out, int line, StringBuilder sql, String expected, String rows) {
    String text = sql.toString().strip();
    sql.setLength(0);
    if (!text.lines().allMatch(l -> l.isBlank() || l.strip().startsWith("--"))) {
      out.add(new Statement(line, text, expected, rows));
    }
  }

  private static int count(String text, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      if (text.charAt(i) == '\n') {
        n++;
      }
    }
    return n;
  }
}
