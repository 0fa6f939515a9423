package dev.marble.sql;

import dev.marble.storage.StorageException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.runtime.CalciteException;
import org.apache.calcite.sql.parser.SqlParseException;

/**
 * Turns whatever Calcite, Janino or the JDK throw while planning or running a statement into a
 * {@link SqlEngineException} with a code and a message that names what went wrong. Storage
 * exceptions pass through untouched: they already carry codes.
 */
final class SqlErrors {
  private static final Pattern OBJECT_NOT_FOUND = Pattern.compile("Object '([^']*)' not found(?: within '([^']*)')?");
  private static final Pattern TABLE_NOT_FOUND = Pattern.compile("Table '([^']*)' not found");
  private static final Pattern COLUMN_NOT_FOUND =
      Pattern.compile("Column '([^']*)' not found in (?:any table|table '([^']*)')");
  private static final Pattern UNKNOWN_TARGET = Pattern.compile("Unknown target column '([^']*)'");
  private static final Pattern NO_DEFAULT =
      Pattern.compile("Column '([^']*)' has no default value and does not allow NULLs");

  private SqlErrors() {}

  /** A piece of planning or execution whose failures are translated. */
  @FunctionalInterface
  interface Action<T> {
    T run();
  }

  static <T> T guard(Action<T> action) {
    try {
      return action.run();
    } catch (SqlEngineException | StorageException e) {
      throw e;
    } catch (RuntimeException | AssertionError | ExceptionInInitializerError e) {
      throw translate(e);
    }
  }

  /** A parse error with its position and the text found there, e.g. {@code near 'SELEC'}. */
  static SqlEngineException syntax(SqlParseException e, String sql) {
    if (sql.toUpperCase(java.util.Locale.ROOT).contains("PASSWORD")) {
      return secretSyntax(e);
    }
    String message = e.getMessage();
    int cut = message.indexOf("\nWas expecting");
    if (cut > 0) {
      message = message.substring(0, cut) + " (expected one of: " + expected(e) + ")";
    }
    org.apache.calcite.sql.parser.SqlParserPos pos = e.getPos();
    String where = "";
    if (pos != null && pos.getLineNum() > 0) {
      where = " at line " + pos.getLineNum() + ", column " + pos.getColumnNum() + near(sql, pos);
    }
    return new SqlEngineException(SqlEngineException.Code.SYNTAX, "Syntax error" + where + ": " + message, e);
  }

  /**
   * A statement that may hold a password (CREATE USER, ALTER USER): the error gives the position
   * only, and keeps no cause, whose message would quote the text.
   */
  private static SqlEngineException secretSyntax(SqlParseException e) {
    org.apache.calcite.sql.parser.SqlParserPos pos = e.getPos();
    String where = pos == null || pos.getLineNum() <= 0 ? ""
        : " at line " + pos.getLineNum() + ", column " + pos.getColumnNum();
    return new SqlEngineException(SqlEngineException.Code.SYNTAX, "Syntax error" + where
        + " (the statement names a PASSWORD, so its text is not repeated here)");
  }

  private static String near(String sql, org.apache.calcite.sql.parser.SqlParserPos pos) {
    String[] lines = sql.split("\r?\n", -1);
    if (pos.getLineNum() > lines.length) {
      return "";
    }
    String line = lines[pos.getLineNum() - 1];
    int start = Math.min(Math.max(pos.getColumnNum() - 1, 0), line.length());
    String rest = line.substring(start).strip();
    String token = rest.isEmpty() ? "end of statement" : rest.split("[\\s,;()]+", 2)[0];
    return " near '" + (token.isEmpty() ? rest.substring(0, 1) : token) + "'";
  }

  private static String expected(SqlParseException e) {
    java.util.Collection<String> tokens = e.getExpectedTokenNames();
    return tokens.stream().limit(12).map(t -> t.replace("\"", "")).sorted()
        .reduce((a, b) -> a + ", " + b).orElse("?") + (tokens.size() > 12 ? ", ..." : "");
  }

  static RuntimeException translate(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SqlEngineException s) {
        return s;
      }
      if (t instanceof StorageException s) {
        return s;
      }
      if (t instanceof SqlParseException p) {
        return syntax(p, "");
      }
      if (t instanceof CalciteContextException c) {
        return validation(c);
      }
      RuntimeException data = dataError(t);
      if (data != null) {
        return data;
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CalciteException c) {
        return new SqlEngineException(SqlEngineException.Code.INVALID_STATEMENT, c.getMessage(), e);
      }
    }
    return new SqlEngineException(SqlEngineException.Code.NOT_SUPPORTED,
        "Marble cannot run this statement (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
  }

  private static SqlEngineException validation(CalciteContextException e) {
    String message = e.getMessage();
    String cause = e.getCause() == null ? message : e.getCause().getMessage();
    SqlEngineException.Code code = SqlEngineException.Code.INVALID_STATEMENT;
    Matcher m;
    if ((m = OBJECT_NOT_FOUND.matcher(cause)).find() || (m = TABLE_NOT_FOUND.matcher(cause)).find()) {
      code = SqlEngineException.Code.UNKNOWN_TABLE;
      message = message.replaceFirst("Object '([^']*)' not found", "Table or view '$1' not found");
    } else if (COLUMN_NOT_FOUND.matcher(cause).find() || UNKNOWN_TARGET.matcher(cause).find()) {
      code = SqlEngineException.Code.UNKNOWN_COLUMN;
    } else if (NO_DEFAULT.matcher(cause).find()) {
      code = SqlEngineException.Code.NOT_NULL_VIOLATION;
    } else if (cause.contains("Cannot INSERT into generated column")) {
      code = SqlEngineException.Code.GENERATED_ALWAYS;
    } else if (cause.startsWith("No match found for function signature")) {
      code = SqlEngineException.Code.UNKNOWN_OBJECT;
    }
    return new SqlEngineException(code, message, e);
  }

  /** Run-time data errors: division by zero, bad casts, overflow. Null when {@code t} is none. */
  private static RuntimeException dataError(Throwable t) {
    if (t instanceof org.apache.calcite.runtime.CalciteException c && c.getMessage() != null
        && c.getMessage().contains("cannot be represented as")) {
      return new SqlEngineException(SqlEngineException.Code.NUMERIC_OUT_OF_RANGE, c.getMessage(), t);
    }
    String message = String.valueOf(t.getMessage());
    if (t instanceof ArithmeticException) {
      if (message.contains("by zero")) {
        return new SqlEngineException(SqlEngineException.Code.DIVISION_BY_ZERO, "Division by zero", t);
      }
      return new SqlEngineException(SqlEngineException.Code.NUMERIC_OUT_OF_RANGE,
          "Numeric value out of range: " + message, t);
    }
    if (t instanceof NumberFormatException) {
      return new SqlEngineException(SqlEngineException.Code.INVALID_CAST,
          "Invalid number: " + message.replace("For input string: ", ""), t);
    }
    if (t instanceof java.time.DateTimeException
        || (t instanceof IllegalArgumentException && (message.contains("date") || message.contains("time")
            || message.contains("Invalid")))) {
      return new SqlEngineException(SqlEngineException.Code.INVALID_CAST, "Invalid value: " + message, t);
    }
    return null;
  }
}
