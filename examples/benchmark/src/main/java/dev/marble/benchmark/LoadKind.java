package dev.marble.benchmark;

/** The operations of {@link ServerLoad}'s mix, with the label its tables print. */
enum LoadKind {
  READ("point read by key"),
  RANGE("range / index read"),
  INSERT("insert (auto-commit)"),
  UPDATE("update transaction");

  final String label;

  LoadKind(String label) {
    this.label = label;
  }
}
