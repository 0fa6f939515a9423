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
 * <p>Every strength takes Marble's one kind of row lock, the writer's: a shared lock is served by
 * an exclusive one (more locking than asked, never less). {@code SKIP LOCKED} and {@code WAIT n}
 * are rejected.
 *
 * @param query the text before the clause
 * @param of the aliases named after {@code OF} (as the parser would case them), empty for all tables
 * @param nowait fail at once instead of waiting for a row another transaction holds
 */
record LockClause(String query, List<String> of, boolean nowait) {

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
    int start = -1;
    for (int i = 0; i < end; i++) {
      Token t = tokens.get(i);
      if (t.isSymbol("(")) {
        depth++;
      } else if (t.isSymbol(")")) {
        depth--;
      } else if (depth == 0 && t.isWord("FOR") && endsClause(tokens, strengthEnd(tokens, i + 1, end), end)) {
        start = i;
      }
    }
    if (start < 0) {
      return null;
    }
    return parse(sql, tokens, start, end);
  }

  /**
   * Whether a lock strength ending before {@code i} can start the clause: what follows it must be
   * the end or a word of the clause, so {@code EXPLAIN PLAN FOR UPDATE t SET ...} is no lock clause.
   */
  private static boolean endsClause(List<Token> tokens, int i, int end) {
    if (i < 0) {
      return false;
    }
    if (i == end) {
      return true;
    }
    Token next = tokens.get(i);
    return next.isWord("OF") || next.isWord("NOWAIT") || next.isWord("SKIP") || next.isWord("WAIT");
  }

  /** The index after the lock strength starting at {@code i}, or -1 when none starts there. */
  private static int strengthEnd(List<Token> tokens, int i, int end) {
    if (i < end && (tokens.get(i).isWord("UPDATE") || tokens.get(i).isWord("SHARE"))) {
      return i + 1;
    }
    if (i + 1 < end && tokens.get(i).isWord("NO") && tokens.get(i + 1).isWord("KEY")
        && i + 2 < end && tokens.get(i + 2).isWord("UPDATE")) {
      return i + 3;
    }
    if (i + 1 < end && tokens.get(i).isWord("KEY") && tokens.get(i + 1).isWord("SHARE")) {
      return i + 2;
    }
    return -1;
  }

  private static LockClause parse(String sql, List<Token> tokens, int start, int end) {
    int i = strengthEnd(tokens, start + 1, end);
    List<String> of = new ArrayList<>();
    if (i < end && tokens.get(i).isWord("OF")) {
      do {
        i++;
        i = name(sql, tokens, i, end, of);
      } while (i < end && tokens.get(i).isSymbol(","));
    }
    boolean nowait = false;
    if (i < end && tokens.get(i).isWord("NOWAIT")) {
      nowait = true;
      i++;
    } else if (i < end && tokens.get(i).isWord("SKIP")) {
      throw new SqlEngineException(SqlEngineException.Code.NOT_SUPPORTED,
          "SKIP LOCKED is not supported; use FOR UPDATE (waits up to the lock timeout) or FOR UPDATE NOWAIT");
    } else if (i < end && tokens.get(i).isWord("WAIT")) {
      throw new SqlEngineException(SqlEngineException.Code.NOT_SUPPORTED,
          "FOR UPDATE WAIT n is not supported; FOR UPDATE waits up to the connection's lock timeout");
    }
    if (i < end) {
      throw new SqlEngineException(SqlEngineException.Code.SYNTAX,
          "Unexpected '" + sql.substring(tokens.get(i).start(), tokens.get(i).end()) + "' in the locking clause "
              + "(expected FOR UPDATE [OF alias, ...] [NOWAIT] at the end of the query)");
    }
    return new LockClause(sql.substring(0, tokens.get(start).start()), List.copyOf(of), nowait);
  }

  /** Reads {@code alias} or {@code alias.column} (Oracle's form: the column names its table) at {@code i}. */
  private static int name(String sql, List<Token> tokens, int i, int end, List<String> names) {
    if (i >= end || !(tokens.get(i).type() == Type.WORD || tokens.get(i).type() == Type.QUOTED_NAME)) {
      throw new SqlEngineException(SqlEngineException.Code.SYNTAX,
          "FOR UPDATE OF needs a table name or alias" + (i < end
              ? ", not '" + sql.substring(tokens.get(i).start(), tokens.get(i).end()) + "'" : ""));
    }
    names.add(tokens.get(i).text());
    i++;
    if (i + 1 < end && tokens.get(i).isSymbol(".")
        && (tokens.get(i + 1).type() == Type.WORD || tokens.get(i + 1).type() == Type.QUOTED_NAME)) {
      i += 2;
    }
    return i;
  }
}
