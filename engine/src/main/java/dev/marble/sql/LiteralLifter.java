package dev.marble.sql;

import dev.marble.sql.SqlTokens.Token;
import dev.marble.sql.SqlTokens.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Replaces the literals of a one-off statement by {@code ?} so that statements differing only in
 * their values share one plan: {@code SELECT * FROM t WHERE id = 7} becomes
 * {@code SELECT * FROM t WHERE id = ?} with 7 remembered.
 *
 * <p>It lifts only where a parameter means exactly what the literal meant, which is where the
 * literal is a whole operand whose type the validator takes from the other side:
 * <ul>
 *   <li>a comparison ({@code = <> != < > <= >=}) in WHERE, HAVING, JOIN ... ON or UPDATE's SET,
 *       the literal on either side and nothing binding tighter next to it ({@code id = 1 + 2}
 *       keeps its literals);
 *   <li>either bound of a BETWEEN there;
 *   <li>an element of an {@code IN (...)} list there;
 *   <li>a value of a top-level INSERT (or UPSERT) ... VALUES row.
 * </ul>
 * A minus sign right after such a position belongs to the literal ({@code id = -5}); elsewhere it
 * is subtraction ({@code a-5} keeps its 5). Nothing is lifted from select lists, GROUP BY, ORDER
 * BY, LIMIT/OFFSET/FETCH, function arguments, typed literals ({@code DATE '...'}, {@code X'..'}),
 * DDL and other statements, or from a statement that already has {@code ?} markers. Whether each
 * value fits the type inferred for its parameter is decided later, by {@link Literal#bindAs}.
 */
final class LiteralLifter {
  /** The statement with its literals replaced by {@code ?}, and the literals in parameter order. */
  record Lifted(String sql, List<Literal> literals) {}

  /** Statements that may be lifted, by their first word. */
  private static final Set<String> LIFTABLE_STATEMENTS = Set.of("SELECT", "WITH", "INSERT", "UPSERT", "UPDATE",
      "DELETE");
  private static final Set<String> COMPARISONS = Set.of("=", "<>", "!=", "<", ">", "<=", ">=");
  /** Words that can follow a complete operand of a comparison and bind looser than it. */
  private static final Set<String> OPERAND_ENDS = Set.of("AND", "OR", "WHERE", "GROUP", "HAVING", "ORDER",
      "LIMIT", "OFFSET", "FETCH", "UNION", "INTERSECT", "EXCEPT", "MINUS", "THEN", "ELSE", "END", "JOIN",
      "INNER", "LEFT", "RIGHT", "FULL", "CROSS", "NATURAL", "WINDOW");
  /** Words after which a literal starts a condition: the left side of a comparison may follow. */
  private static final Set<String> CONDITION_STARTS = Set.of("WHERE", "AND", "OR", "NOT", "ON", "HAVING");

  /** The clause a part of the statement is in; literals are lifted in WHERE, HAVING, ON and SET only. */
  private enum Clause {
    OTHER, CONDITION, VALUES;

    static Clause of(Token word, Token previous) {
      return switch (word.text()) {
        case "WHERE", "HAVING", "ON", "SET" -> CONDITION;
        case "VALUES" -> VALUES;
        // FROM after DISTINCT is IS [NOT] DISTINCT FROM, an operator, not a clause
        case "FROM" -> previous != null && previous.isWord("DISTINCT") ? null : OTHER;
        case "SELECT", "JOIN", "GROUP", "ORDER", "LIMIT", "OFFSET", "FETCH", "UNION", "INTERSECT", "EXCEPT",
            "MINUS", "WINDOW", "QUALIFY", "USING", "WITH" -> OTHER;
        default -> null;
      };
    }
  }

  /** What a pair of parentheses holds: an IN list and a VALUES row lift their elements. */
  private enum Parens { NONE, IN_LIST, VALUES_ROW }

  /** The state of one parenthesis level (the statement itself is the outermost). */
  private static final class Level {
    Clause clause;
    Parens parens;
    /** A BETWEEN was seen whose AND has not come yet. */
    boolean betweenOpen;

    Level(Clause clause, Parens parens) {
      this.clause = clause;
      this.parens = parens;
    }
  }

  private final List<Token> tokens;
  private final boolean insert;
  private final Deque<Level> levels = new ArrayDeque<>();
  /** Whether the AND at a token index is the one of a BETWEEN. */
  private final boolean[] betweenAnd;

  private LiteralLifter(List<Token> tokens) {
    this.tokens = tokens;
    this.insert = tokens.get(0).isWord("INSERT") || tokens.get(0).isWord("UPSERT");
    this.betweenAnd = new boolean[tokens.size()];
    levels.push(new Level(Clause.OTHER, Parens.NONE));
  }

  /** The lifted form of {@code sql}, or null when nothing in it can be lifted. */
  static Lifted lift(String sql) {
    List<Token> tokens = SqlTokens.of(sql);
    if (tokens == null || tokens.isEmpty() || tokens.get(0).type() != Type.WORD
        || !LIFTABLE_STATEMENTS.contains(tokens.get(0).text())
        || tokens.stream().anyMatch(t -> t.type() == Type.PARAM)) {
      return null;
    }
    return new LiteralLifter(tokens).replace(sql);
  }

  private Lifted replace(String sql) {
    StringBuilder out = new StringBuilder(sql.length());
    List<Literal> literals = new ArrayList<>();
    int copied = 0;
    for (int i = 0; i < tokens.size(); i++) {
      int last = literalAt(i);
      if (last >= 0 && liftable(i, last)) {
        Token first = tokens.get(i);
        Token value = tokens.get(last);
        literals.add(new Literal(value.type() == Type.STRING, value.text(), last > i));
        out.append(sql, copied, first.start()).append('?');
        copied = value.end();
        i = last;
      } else {
        track(i);
      }
    }
    if (literals.isEmpty()) {
      return null;
    }
    return new Lifted(out.append(sql, copied, sql.length()).toString(), literals);
  }

  /** The index of the last token of a literal starting at {@code i} (a number, a string, or - and a number), or -1. */
  private int literalAt(int i) {
    Token t = tokens.get(i);
    if (t.type() == Type.NUMBER || t.type() == Type.STRING) {
      return i;
    }
    return t.isSymbol("-") && i + 1 < tokens.size() && tokens.get(i + 1).type() == Type.NUMBER ? i + 1 : -1;
  }

  /** Whether the literal in tokens {@code first..last} is a whole operand in a position that may be lifted. */
  private boolean liftable(int first, int last) {
    Level level = levels.peek();
    Token before = first > 0 ? tokens.get(first - 1) : null;
    Token after = last + 1 < tokens.size() ? tokens.get(last + 1) : null;
    if (before == null) {
      return false;
    }
    if (level.parens != Parens.NONE) { // an element of an IN list or VALUES row
      return (before.isSymbol("(") || before.isSymbol(","))
          && after != null && (after.isSymbol(",") || after.isSymbol(")"));
    }
    if (level.clause != Clause.CONDITION) {
      return false;
    }
    boolean rightOperand = (before.type() == Type.SYMBOL && COMPARISONS.contains(before.text()))
        || before.isWord("BETWEEN") || (before.isWord("AND") && betweenAnd[first - 1]);
    if (rightOperand) {
      return after == null || after.isSymbol(")") || after.isSymbol(",") || after.isSymbol(";")
          || (after.type() == Type.WORD && OPERAND_ENDS.contains(after.text()));
    }
    boolean conditionStart = before.isSymbol("(")
        || (before.type() == Type.WORD && CONDITION_STARTS.contains(before.text()) && !betweenAnd[first - 1]);
    return conditionStart && after != null && after.type() == Type.SYMBOL && COMPARISONS.contains(after.text());
  }

  /** Follows parentheses, clauses and BETWEEN ... AND through a token that is not lifted. */
  private void track(int i) {
    Token t = tokens.get(i);
    Token before = i > 0 ? tokens.get(i - 1) : null;
    Level level = levels.peek();
    if (t.isSymbol("(")) {
      levels.push(new Level(level.clause, parensAfter(before, level)));
    } else if (t.isSymbol(")")) {
      if (levels.size() > 1) {
        levels.pop();
      }
    } else if (t.type() == Type.WORD) {
      Clause clause = Clause.of(t, before);
      if (clause != null) {
        level.clause = clause;
        level.parens = Parens.NONE; // a query inside IN (...) or a row: its literals are no list elements
      } else if (t.text().equals("BETWEEN")) {
        level.betweenOpen = true;
      } else if (t.text().equals("AND") && level.betweenOpen) {
        level.betweenOpen = false;
        betweenAnd[i] = true;
      }
    }
  }

  /** What an opening parenthesis after {@code before} starts at {@code level}. */
  private Parens parensAfter(Token before, Level level) {
    if (before != null && before.isWord("IN") && level.clause == Clause.CONDITION) {
      return Parens.IN_LIST;
    }
    // only the rows of the INSERT itself: a VALUES elsewhere has no target to type its parameters
    boolean row = insert && levels.size() == 1 && level.clause == Clause.VALUES
        && before != null && (before.isWord("VALUES") || before.isSymbol(","));
    return row ? Parens.VALUES_ROW : Parens.NONE;
  }
}
