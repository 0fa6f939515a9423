package dev.marble.jdbc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Selects catalog objects by the name arguments of {@link java.sql.DatabaseMetaData} methods.
 *
 * <p>A pattern argument is a LIKE pattern: {@code %} any run of characters, {@code _} any one
 * character, {@code \} makes the next character literal. A name argument (the table of {@code
 * getPrimaryKeys}, say) is matched literally, except that {@code "%"} also selects all, as tools
 * such as DBeaver pass it there. {@code null} selects all; {@code ""} selects nothing (every Marble
 * object has a schema and a name).
 *
 * <p>Names are matched as stored (unquoted identifiers are stored in upper case). When nothing in a
 * collection matches exactly, a case-insensitive match is taken instead, the same rule by which SQL
 * finds objects ({@code dev.marble.storage.catalog.Names}), so {@code getColumns(null, null,
 * "orders", null)} describes table {@code ORDERS}.
 */
final class MetadataFilter {
  private static final MetadataFilter ALL = new MetadataFilter(null, null);

  private final Pattern exact;
  private final Pattern folded;

  private MetadataFilter(Pattern exact, Pattern folded) {
    this.exact = exact;
    this.folded = folded;
  }

  static MetadataFilter pattern(String pattern) {
    if (pattern == null || pattern.equals("%")) {
      return ALL;
    }
    String regex = toRegex(pattern);
    return new MetadataFilter(Pattern.compile(regex, Pattern.DOTALL),
        Pattern.compile(regex, Pattern.DOTALL | Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
  }

  static MetadataFilter name(String name) {
    if (name == null || name.equals("%")) {
      return ALL;
    }
    String regex = Pattern.quote(name);
    return new MetadataFilter(Pattern.compile(regex, Pattern.DOTALL),
        Pattern.compile(regex, Pattern.DOTALL | Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
  }

  /** The items whose name matches, in their given order. */
  <T> List<T> select(Collection<T> items, Function<T, String> name) {
    if (exact == null) {
      return new ArrayList<>(items);
    }
    List<T> out = new ArrayList<>();
    for (T item : items) {
      if (exact.matcher(name.apply(item)).matches()) {
        out.add(item);
      }
    }
    if (out.isEmpty()) {
      for (T item : items) {
        if (folded.matcher(name.apply(item)).matches()) {
          out.add(item);
        }
      }
    }
    return out;
  }

  /** Whether {@code value} is selected when it is the only candidate. */
  boolean matches(String value) {
    return exact == null || exact.matcher(value).matches() || folded.matcher(value).matches();
  }

  static String toRegex(String pattern) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        literal.append(pattern.charAt(++i));
      } else if (c == '%' || c == '_') {
        flush(regex, literal);
        regex.append(c == '%' ? ".*" : ".");
      } else {
        literal.append(c);
      }
    }
    flush(regex, literal);
    return regex.toString();
  }

  private static void flush(StringBuilder regex, StringBuilder literal) {
    if (literal.length() > 0) {
      regex.append(Pattern.quote(literal.toString()));
      literal.setLength(0);
    }
  }
}
