package dev.marble.storage.catalog;

import dev.marble.storage.ColumnType;
import java.math.BigDecimal;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Engine values as text, for the few values the catalog stores (an added column's fill value).
 * {@code fromText(type, toText(type, v))} equals {@code v}.
 */
public final class ValueText {
  private ValueText() {}

  public static String toText(ColumnType type, Object value) {
    if (value == null) {
      return null;
    }
    return type.isBinary() ? HexFormat.of().formatHex((byte[]) value) : value.toString();
  }

  public static Object fromText(ColumnType type, String text) {
    if (text == null) {
      return null;
    }
    return switch (type) {
      case BOOLEAN -> Boolean.valueOf(text);
      case TINYINT -> Byte.valueOf(text);
      case SMALLINT -> Short.valueOf(text);
      case INTEGER, DATE, TIME -> Integer.valueOf(text);
      case BIGINT, TIMESTAMP -> Long.valueOf(text);
      case REAL -> Float.valueOf(text);
      case DOUBLE -> Double.valueOf(text);
      case DECIMAL -> new BigDecimal(text);
      case CHAR, VARCHAR, CLOB -> text;
      case BINARY, VARBINARY, BLOB -> HexFormat.of().parseHex(text);
      case UUID -> UUID.fromString(text);
    };
  }
}
