package dev.marble.benchmark;

/** The prose of docs/server-load.md that does not depend on the numbers. */
final class LoadText {
  private LoadText() {}

  static final String WORKLOAD = String.join("\n",
      "## Workload",
      "",
      "Table `docs (id BIGINT PRIMARY KEY, account INT, body VARCHAR(8192), version INT)` with an index on",
      "`account` (about 1000 accounts); bodies are 1–8 KB of text, the benchmark's generated payloads. The",
      "**remote** mode starts a `MarbleServer` in this JVM on a free loopback port (plain HTTP, default",
      "limits, the `--sync` durability) and each client thread opens its own `jdbc:marble:remote://` connection as",
      "ADMIN; the **embedded** mode runs the same clients, mix and times on `jdbc:marble:<dir>` (same",
      "durability) in a fresh directory, after the remote mode, in the same JVM. Each client loops,",
      "drawing from the mix: a **point read** (`SELECT account, body, version ... WHERE id = ?`, a",
      "preloaded id); a **range / index read** through the account index (half `WHERE account = ?`, about",
      "20 rows, half `WHERE account BETWEEN ? AND ?+1`; a range of ids would scan, the key is hashed);",
      "an **insert** of a new document in auto-commit; an **update transaction** (auto-commit off,",
      "`UPDATE docs SET version = version + 1, account = ? WHERE id = ?`, `SELECT version ... WHERE id = ?`,",
      "`commit()`, auto-commit back on). With `sync=full` every commit is fsynced before it returns, so",
      "the writes' latency is mostly waiting for commits; `--mix 90,10,0,0` measures reads alone.",
      "Latency is the client's wall time of the whole operation, including retries; operations started",
      "in the warm-up are run but not counted (the embedded mode also finds the engine's code compiled",
      "by the remote one). Client and server share the machine's cores.");

  static final String INTEGRITY = String.join("\n",
      "A write is recorded as acknowledged only after its commit returned. After the clients stop, the",
      "database is reopened (remote: the server is stopped and a new one started on the same",
      "directory; embedded: the last connection closed and a new one opened) and checked: every",
      "preloaded row is there, every acknowledged insert is there with the body it was sent (CRC32),",
      "and for every updated row the versions its acknowledged updates read back all differ and none",
      "is above the visible version (an update overwriting another would repeat a version). *Committed",
      "unacknowledged* counts version increments that no client saw acknowledged (a commit whose",
      "client got an error). Lock timeouts and serialization failures (40001, 40P01, 55P03) roll the",
      "update back and retry it; they are counted as retried conflicts, not errors.");
}
