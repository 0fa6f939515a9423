package dev.marble.sql;

import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimeString;
import org.apache.calcite.util.TimestampString;

/** Literal values of row expressions in the engine's (Calcite runtime) representation. */
final class RexValues {
  private RexValues() {}

  static Object toEngine(RexLiteral literal) {
    if (literal.isNull()) {
      return null;
    }
    return switch (literal.getType().getSqlTypeName()) {
      case BOOLEAN -> literal.getValueAs(Boolean.class);
      case TINYINT -> literal.getValueAs(Byte.class);
      case SMALLINT -> literal.getValueAs(Short.class);
      case INTEGER -> literal.getValueAs(Integer.class);
      case BIGINT -> literal.getValueAs(Long.class);
      case REAL, FLOAT -> literal.getValueAs(Float.class);
      case DOUBLE -> literal.getValueAs(Double.class);
      case DECIMAL -> literal.getValueAs(java.math.BigDecimal.class);
      case CHAR, VARCHAR -> literal.getValueAs(String.class);
      case BINARY, VARBINARY -> literal.getValueAs(ByteString.class);
      case DATE -> literal.getValueAs(DateString.class).getDaysSinceEpoch();
      case TIME -> literal.getValueAs(TimeString.class).getMillisOfDay();
      case TIMESTAMP -> literal.getValueAs(TimestampString.class).getMillisSinceEpoch();
      default -> literal.getValue2();
    };
  }
}
