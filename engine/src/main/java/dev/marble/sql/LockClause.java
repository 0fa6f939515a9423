package dev.marble.sql;

import dev.marble.sql.SqlTokens.Token;
import dev.marble.sql.SqlTokens.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * The locking clause that may end a query: {@code FOR UPDATE}, {@code FOR NO KEY UPDATE}, {@code
 * FOR SHARE} or {@code FOR KEY SHARE}, optionally {@code OF alias, ...} and {@code NOWAIT}.
 * Calcite's grammar has none of these, so the clause is recognised on {@link SqlTokens} (strings,
 * quoted names and comments can never fake it) and cut off; the rest is the query Calcite parses.
 *
 * <p>Only a {@code FOR} at the outermost level whose tokens up to the end of the text form a whole
 * clause counts ({@code EXPLAIN PLAN FOR UPDATE t SET ...} is no locking clause); anything else is
 * left to the parser.
 *
 * <p>Every strength takes Marble's one kind of row lock, the writer's: a shared lock is served by
 * an exclusive one (more locking than asked, never less). {@code SKIP LOCKED} and {@code WAIT n}
 * are rejected.
 *
 * @param query the text before the clause
 * @param tables the aliases named after {@code OF} (as the parser would case them), empty for all tables
 * @param nowait fail at once instead of waiting for a row another transaction holds
 */
record LockClause(String query, List<String> tables, boolean nowait) {

  /** The clause ending {@code sql}, or null when it has none (or cannot be tokenised). */
  static LockClause of(String sql) {
    List<Token> tokens = SqlTokens.of(sql);
    if (tokens == null) {
      return null;
    }
    int end = tokens.size();
    while (end > 0 && tokens.get(end - 1).isSymbol(";")) {
      end--;
    }
    int depth = 0;
    LockClause found = null;
    for (int i = 0; i < end; i++) {
      Token t = tokens.get(i);
      if (t.isSymbol("(")) {
        depth++;
      } else if (t.isSymbol(")")) {
        depth--;
      } else if (depth == 0 && t.isWord("FOR") && !(i > 0 && tokens.get(i - 1).isWord("PLAN"))) {
        LockClause clause = parse(sql, tokens, i, end);
        found = clause != null ? clause : found;
      }
    }
    return found;
  }

  /** The index after the lock strength starting at {@code i}, or -1 when none starts there. */
  private static int strengthEnd(List<Token> tokens, int i, int end) {
    if (i < end && (tokens.get(i).isWord("UPDATE") || tokens.get(i).isWord("SHARE"))) {
      return i + 1;
    }
    if (i + 2 < end && tokens.get(i).isWord("NO") && tokens.get(i + 1).isWord("KEY")
        && tokens.get(i + 2).isWord("UPDATE")) {
      return i + 3;
    }
    if (i + 1 < end && tokens.get(i).isWord("KEY") && tokens.get(i + 1).isWord("SHARE")) {
      return i + 2;
    }
    return -1;
  }

  /** The clause made of tokens {@code start} (FOR) to {@code end}, or null when they form none. */
  private static LockClause parse(String sql, List<Token> tokens, int start, int end) {
    int i = strengthEnd(tokens, start + 1, end);
    if (i < 0) {
      return null;
    }
    List<String> tables = new ArrayList<>();
    if (i < end && tokens.get(i).isWord("OF")) {
      do {
        i = name(tokens, i + 1, end, tables);
        if (i < 0) {
          return null;
        }
      } while (i < end && tokens.get(i).isSymbol(","));
    }
    boolean nowait = i < end && tokens.get(i).isWord("NOWAIT");
    if (nowait) {
      i++;
    } else if (i + 2 == end && tokens.get(i).isWord("SKIP") && tokens.get(i + 1).isWord("LOCKED")) {
      throw new SqlEngineException(SqlEngineException.Code.NOT_SUPPORTED,
          "SKIP LOCKED is not supported; use FOR UPDATE (waits up to the lock timeout) or FOR UPDATE NOWAIT");
    } else if (i + 2 == end && tokens.get(i).isWord("WAIT") && tokens.get(i + 1).type() == Type.NUMBER) {
      throw new SqlEngineException(SqlEngineException.Code.NOT_SUPPORTED,
          "FOR UPDATE WAIT n is not supported; FOR UPDATE waits up to the connection's lock_timeout");
    }
    return i == end ? new LockClause(sql.substring(0, tokens.get(start).start()), List.copyOf(tables), nowait) : null;
  }

  /**
   * Reads {@code alias} or {@code alias.column} (Oracle's form: the column names its table) at
   * {@code i}; the index after it, or -1 when no name is there.
   */
  private static int name(List<Token> tokens, int i, int end, List<String> names) {
    if (i >= end || !isName(tokens.get(i))) {
      return -1;
    }
    names.add(tokens.get(i).text());
    i++;
    if (i + 1 < end && tokens.get(i).isSymbol(".") && isName(tokens.get(i + 1))) {
      i += 2;
    }
    return i;
  }

  private static boolean isName(Token t) {
    return t.type() == Type.WORD || t.type() == Type.QUOTED_NAME;
  }
}
