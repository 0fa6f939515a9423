package dev.marble.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

class LiteralTest {
  private static final ParameterField INT = new ParameterField(SqlTypeName.INTEGER, 10, 0);
  private static final ParameterField TINY = new ParameterField(SqlTypeName.TINYINT, 3, 0);
  private static final ParameterField BIG = new ParameterField(SqlTypeName.BIGINT, 19, 0);
  private static final ParameterField DEC = new ParameterField(SqlTypeName.DECIMAL, 5, 2);
  private static final ParameterField DOUBLE = new ParameterField(SqlTypeName.DOUBLE, 15, 0);
  private static final ParameterField REAL = new ParameterField(SqlTypeName.REAL, 7, 0);
  private static final ParameterField VARCHAR = new ParameterField(SqlTypeName.VARCHAR, -1, 0);
  private static final ParameterField VARCHAR3 = new ParameterField(SqlTypeName.VARCHAR, 3, 0);
  private static final ParameterField CHAR = new ParameterField(SqlTypeName.CHAR, 5, 0);
  private static final ParameterField DATE = new ParameterField(SqlTypeName.DATE, 0, 0);

  private static Literal number(String text) {
    return new Literal(false, text, false);
  }

  @Test
  void integers() {
    assertEquals(7, number("7").bindAs(INT));
    assertEquals(-2147483648, new Literal(false, "2147483648", true).bindAs(INT));
    assertNull(number("2147483648").bindAs(INT));
    assertEquals((byte) 127, number("127").bindAs(TINY));
    assertNull(number("128").bindAs(TINY));
    assertEquals(2147483648L, number("2147483648").bindAs(BIG));
    assertNull(number("9223372036854775808").bindAs(BIG));
    assertNull(number("1.5").bindAs(INT), "1.5 compared with an INTEGER is no integer");
    assertNull(number("2.0").bindAs(INT));
    assertNull(number("1e3").bindAs(INT));
  }

  @Test
  void decimalsTakeTheParametersScale() {
    assertEquals(new BigDecimal("1.50"), number("1.5").bindAs(DEC));
    assertEquals(new BigDecimal("-123.00"), new Literal(false, "123", true).bindAs(DEC));
    assertNull(number("1.555").bindAs(DEC), "would round");
    assertEquals(new BigDecimal("-2.25"), new Literal(false, "2.2500", true).bindAs(DEC), "exact at scale 2");
    assertEquals(new BigDecimal("999.99"), number("999.99").bindAs(DEC));
    assertEquals(new BigDecimal("0.00"), number("0.000").bindAs(DEC));
    assertNull(number("1234").bindAs(DEC), "too many integer digits");
    assertNull(number("1e2").bindAs(DEC));
  }

  @Test
  void approximateNumbers() {
    assertEquals(0.1, number("0.1").bindAs(DOUBLE));
    assertEquals(0.0, new Literal(false, "0e0", true).bindAs(DOUBLE), "-0e0 is a zero literal, not -0.0");
    assertEquals(1500.0, number("1.5e3").bindAs(DOUBLE));
    assertEquals(9007199254740992.0, number("9007199254740992").bindAs(DOUBLE));
    assertNull(number("9007199254740993").bindAs(DOUBLE), "not exact in a double");
    assertEquals(3.0f, number("3").bindAs(REAL));
    assertNull(number("0.1").bindAs(REAL), "a REAL comparison may round differently");
  }

  @Test
  void strings() {
    Literal abc = new Literal(true, "abc", false);
    assertEquals("abc", abc.bindAs(VARCHAR));
    assertEquals("abc", abc.bindAs(VARCHAR3));
    assertNull(new Literal(true, "abcd", false).bindAs(VARCHAR3));
    assertNull(abc.bindAs(CHAR), "CHAR comparisons pad");
    assertNull(abc.bindAs(INT));
    assertNull(new Literal(true, "2024-01-01", false).bindAs(DATE));
    assertNull(number("5").bindAs(VARCHAR));
    assertEquals("ünï", new Literal(true, "ünï", false).bindAs(VARCHAR));
    assertEquals("€", new Literal(true, "€", false).bindAs(VARCHAR), "string literals are UTF-8");
  }
}
