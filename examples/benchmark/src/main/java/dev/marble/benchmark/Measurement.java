package dev.marble.benchmark;

/**
 * The ten measurements of the workload, in the order of the report (which is not quite the order in
 * which they run: see {@link Workload}). A failure is recorded per measurement, so one failing step
 * costs its own numbers only.
 */
enum Measurement {
  LOAD("1. Bulk load",
      "N rows through one PreparedStatement INSERT with addBatch/executeBatch, 1000 rows per batch, "
          + "auto-commit off and a commit per batch. MB/s counts payload bytes."),
  INDEX("2. CREATE INDEX",
      "`CREATE INDEX t_category ON t(category)` on the loaded table (1000 distinct categories)."),
  POINT_READS("3. Random point reads",
      "`SELECT title, payload FROM t WHERE id = ?` for random ids, reading every payload byte, one "
          + "PreparedStatement, after a warm-up; latency per statement (execute, fetch, read)."),
  SCAN("4. Full scan vs raw file read",
      "`SELECT payload FROM t`, summing every payload byte (checked against the expected sum), and "
          + "the same database directory read file by file through a FileChannel with a 1 MB buffer "
          + "(also summing every byte). Page cache warm for both (as long as the database fits in "
          + "memory); best of up to 3 runs each. Scan MB/s counts payload bytes, raw MB/s file bytes."),
  SEARCH("5. Keyword search (text payload)",
      "`SELECT COUNT(*) FROM <text table> WHERE payload LIKE '%word%'` for a word planted in ~1% of "
          + "rows and for a common word; MB/s of text payload scanned, best of up to 3 runs. The counts "
          + "must equal the ones computed from the generator, so all databases agree."),
  CATEGORY("6. Secondary index lookups",
      "`SELECT id, title FROM t WHERE category = ?` for random categories (~N/1000 rows each); every "
          + "answer's row count is checked."),
  UPDATES("7. Random updates",
      "`UPDATE t SET title = ?, payload = ? WHERE id = ?` with a new payload of 1-8 KB, random ids, "
          + "100 updates per transaction."),
  DELETES("8. Deletes",
      "`DELETE FROM t WHERE id = ?` for 10% of the rows in random order, 100 per transaction."),
  REOPEN("9. Reopen to first query",
      "After a clean close (every connection closed; `SHUTDOWN` for H2 and HSQLDB): "
          + "`DriverManager.getConnection` plus the first `SELECT title, payload FROM t WHERE id = ?` "
          + "returning its row, in a warm JVM."),
  DISK("10. Bytes on disk",
      "Sum of the sizes of the database directory's files after the clean close that follows the load "
          + "and the index (per payload byte loaded), and again at the end of the run.");

  final String title;
  final String description;

  Measurement(String title, String description) {
    this.title = title;
    this.description = description;
  }

  /** The title without its number, for progress lines and the chart. */
  String label() {
    return title.substring(title.indexOf(' ') + 1);
  }
}
