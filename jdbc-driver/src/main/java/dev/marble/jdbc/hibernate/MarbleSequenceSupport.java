package dev.marble.jdbc.hibernate;

import org.hibernate.dialect.sequence.SequenceSupport;

/** Marble's sequences: {@code next value for name}, selectable without FROM. */
final class MarbleSequenceSupport implements SequenceSupport {
  static final MarbleSequenceSupport INSTANCE = new MarbleSequenceSupport();

  @Override
  public String getSelectSequenceNextValString(String sequenceName) {
    return "next value for " + sequenceName;
  }

  @Override
  public String getFromDual() {
    return "";
  }

  @Override
  public String getDropSequenceString(String sequenceName) {
    return "drop sequence if exists " + sequenceName;
  }
}
