package dev.marble.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small SQL lexer for {@link LiteralLifter}: just enough of Calcite's lexical rules to find the
 * literals in a statement and the words and symbols around them. Comments and white space are
 * dropped; every token remembers where it is in the text, so the text itself is never rebuilt
 * from tokens.
 */
final class SqlTokens {
  enum Type {
    /** An unquoted word, keyword or identifier; {@link Token#text} is upper-cased. */
    WORD,
    /** A "quoted identifier": never a keyword. */
    QUOTED_NAME,
    /** A plain 'character string'; {@link Token#text} is its value ('' unescaped). */
    STRING,
    /** A string glued to a prefix (X'..', N'..', U&'..', _charset'..'): not a plain string value. */
    PREFIXED_STRING,
    /** An unsigned numeric literal: 12, 1.5, .5, 1e-3; {@link Token#text} is its text. */
    NUMBER,
    /** A {@code ?} parameter marker. */
    PARAM,
    /** Anything else: operators and punctuation ({@code <=}, {@code >=}, {@code <>}, {@code !=} and
     * {@code =>} are one token each), and malformed numbers such as {@code 1abc}. */
    SYMBOL
  }

  /** One token: its type, where it is ({@code start} inclusive, {@code end} exclusive) and its text. */
  record Token(Type type, int start, int end, String text) {
    boolean is(Type t, String s) {
      return type == t && text.equals(s);
    }

    boolean isWord(String s) {
      return is(Type.WORD, s);
    }

    boolean isSymbol(String s) {
      return is(Type.SYMBOL, s);
    }
  }

  private final String sql;
  private final List<Token> tokens = new ArrayList<>();
  private int pos;

  private SqlTokens(String sql) {
    this.sql = sql;
  }

  /**
   * The tokens of {@code sql}, or null when it holds an unterminated string, quoted identifier or
   * comment (the parser reports those; nothing is lifted from such text).
   */
  static List<Token> of(String sql) {
    SqlTokens lexer = new SqlTokens(sql);
    return lexer.scan() ? lexer.tokens : null;
  }

  private boolean scan() {
    while (pos < sql.length()) {
      char c = sql.charAt(pos);
      int start = pos;
      if (Character.isWhitespace(c)) {
        pos++;
      } else if (c == '-' && next(1) == '-') {
        while (pos < sql.length() && sql.charAt(pos) != '\n' && sql.charAt(pos) != '\r') {
          pos++;
        }
      } else if (c == '/' && next(1) == '*') {
        int close = sql.indexOf("*/", pos + 2);
        if (close < 0) {
          return false;
        }
        pos = close + 2;
      } else if (c == '\'' || c == '"') {
        String value = quoted(c);
        if (value == null) {
          return false;
        }
        Type type = c == '"' ? Type.QUOTED_NAME : start > 0 && isPrefix(sql.charAt(start - 1))
            ? Type.PREFIXED_STRING : Type.STRING;
        add(type, start, value);
      } else if (isDigit(c) || (c == '.' && isDigit(next(1)))) {
        number(start);
      } else if (isWordStart(c)) {
        while (pos < sql.length() && isWordPart(sql.charAt(pos))) {
          pos++;
        }
        add(Type.WORD, start, sql.substring(start, pos).toUpperCase(Locale.ROOT));
      } else if (c == '?') {
        pos++;
        add(Type.PARAM, start, "?");
      } else {
        String two = pos + 1 < sql.length() ? sql.substring(pos, pos + 2) : "";
        pos += switch (two) {
          case "<=", ">=", "<>", "!=", "=>" -> 2;
          default -> 1;
        };
        add(Type.SYMBOL, start, sql.substring(start, pos));
      }
    }
    return true;
  }

  /** A quoted string or identifier from {@code pos}: its value, a doubled quote standing for one. */
  private String quoted(char quote) {
    StringBuilder value = new StringBuilder();
    pos++;
    while (pos < sql.length()) {
      char c = sql.charAt(pos++);
      if (c != quote) {
        value.append(c);
      } else if (pos < sql.length() && sql.charAt(pos) == quote) {
        value.append(quote);
        pos++;
      } else {
        return value.toString();
      }
    }
    return null;
  }

  /** Digits, an optional fraction and an optional exponent; glued to a letter it is no number. */
  private void number(int start) {
    skipDigits();
    if (pos < sql.length() && sql.charAt(pos) == '.') {
      pos++;
      skipDigits();
    }
    char e = pos < sql.length() ? sql.charAt(pos) : ' ';
    if ((e == 'e' || e == 'E') && (isDigit(next(1)) || ((next(1) == '+' || next(1) == '-') && isDigit(next(2))))) {
      pos += 2;
      skipDigits();
    }
    boolean glued = pos < sql.length() && (isWordPart(sql.charAt(pos)) || sql.charAt(pos) == '.');
    add(glued ? Type.SYMBOL : Type.NUMBER, start, sql.substring(start, pos));
  }

  private void skipDigits() {
    while (pos < sql.length() && isDigit(sql.charAt(pos))) {
      pos++;
    }
  }

  private void add(Type type, int start, String text) {
    tokens.add(new Token(type, start, pos, text));
  }

  private char next(int ahead) {
    return pos + ahead < sql.length() ? sql.charAt(pos + ahead) : ' ';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isWordStart(char c) {
    return Character.isLetter(c) || c == '_' || c == '$';
  }

  private static boolean isWordPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }

  /** A character that, right before a quote, makes the string a prefixed one (X'', N'', U&'', _latin1''). */
  private static boolean isPrefix(char c) {
    return isWordPart(c) || c == '&';
  }
}
