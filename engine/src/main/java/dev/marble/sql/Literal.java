package dev.marble.sql;

import java.math.BigDecimal;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A literal lifted out of a statement by {@link LiteralLifter}: a character string, or an unsigned
 * number with the minus sign that stood before it.
 *
 * @param string whether it is a 'character string' ({@code text} is its value) or a number
 *     ({@code text} is how it was written: {@code 12}, {@code 1.50}, {@code 1e-3})
 * @param negative a number written with a unary minus
 */
record Literal(boolean string, String text, boolean negative) {
  /** Integers up to this magnitude are exact in a DOUBLE. */
  private static final long DOUBLE_EXACT = 1L << 53;
  /** Integers up to this magnitude are exact in a REAL. */
  private static final long REAL_EXACT = 1L << 24;

  /**
   * This literal as the value of a parameter of type {@code p}, in the engine's runtime
   * representation; null when the parameter cannot hold it exactly as the literal would have
   * compared or been stored, and the statement must run with its literals instead.
   *
   * <p>CHAR parameters take no strings: a CHAR comparison pads, a parameter would not. Temporal,
   * boolean and binary parameters take nothing, as their literals are typed ones and never lifted.
   */
  Object bindAs(ParameterField p) {
    if (string) {
      boolean fits = p.precision() < 0 || text.length() <= p.precision();
      return p.type() == SqlTypeName.VARCHAR && fits ? text : null;
    }
    // negated before any conversion, as Calcite does: -0e0 is 0.0, not -0.0
    BigDecimal value = negative ? new BigDecimal(text).negate() : new BigDecimal(text);
    boolean approximate = text.indexOf('e') >= 0 || text.indexOf('E') >= 0;
    if (approximate) { // a DOUBLE literal
      return p.type() == SqlTypeName.DOUBLE ? value.doubleValue() : null;
    }
    boolean integer = text.indexOf('.') < 0;
    return switch (p.type()) {
      case TINYINT -> integer ? within(value, Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) value.longValue()) : null;
      case SMALLINT -> integer ? within(value, Short.MIN_VALUE, Short.MAX_VALUE, (short) value.longValue()) : null;
      case INTEGER -> integer ? within(value, Integer.MIN_VALUE, Integer.MAX_VALUE, (int) value.longValue()) : null;
      case BIGINT -> integer ? within(value, Long.MIN_VALUE, Long.MAX_VALUE, value.longValue()) : null;
      case DECIMAL -> decimal(value, p);
      case DOUBLE -> integer ? within(value, -DOUBLE_EXACT, DOUBLE_EXACT, value.doubleValue()) : value.doubleValue();
      case REAL -> integer ? within(value, -REAL_EXACT, REAL_EXACT, value.floatValue()) : null;
      default -> null;
    };
  }

  /** What a CAST to the parameter's type gives, when it neither rounds nor overflows: the literal as it would have been. */
  private static BigDecimal decimal(BigDecimal value, ParameterField p) {
    if (value.stripTrailingZeros().scale() > p.scale()) {
      return null;
    }
    BigDecimal scaled = value.setScale(p.scale());
    return scaled.precision() - scaled.scale() <= p.precision() - p.scale() ? scaled : null;
  }

  private static Object within(BigDecimal value, long min, long max, Object converted) {
    return value.compareTo(BigDecimal.valueOf(min)) >= 0 && value.compareTo(BigDecimal.valueOf(max)) <= 0
        ? converted : null;
  }
}
