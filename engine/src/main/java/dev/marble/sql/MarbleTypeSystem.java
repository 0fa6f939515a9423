package dev.marble.sql;

import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Marble's type limits: DECIMAL up to 38 digits (Calcite's default is 19), strings and binaries as
 * long as a Java array, and ragged CASE/UNION string branches typed VARCHAR rather than blank-padded
 * CHAR (so {@code CASE WHEN x THEN 'a' ELSE 'bcd' END} yields 'a', as users expect).
 */
final class MarbleTypeSystem extends RelDataTypeSystemImpl {
  static final MarbleTypeSystem INSTANCE = new MarbleTypeSystem();
  static final int MAX_DECIMAL = 38;

  @Override
  public int getMaxPrecision(SqlTypeName typeName) {
    return switch (typeName) {
      case DECIMAL -> MAX_DECIMAL;
      case CHAR, VARCHAR, BINARY, VARBINARY -> Integer.MAX_VALUE;
      default -> super.getMaxPrecision(typeName);
    };
  }

  @Override
  public int getMaxScale(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL ? MAX_DECIMAL : super.getMaxScale(typeName);
  }

  @Override
  public boolean shouldConvertRaggedUnionTypesToVarying() {
    return true;
  }
}
