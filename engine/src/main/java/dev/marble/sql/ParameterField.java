package dev.marble.sql;

import org.apache.calcite.sql.type.SqlTypeName;

/** The type the validator inferred for one {@code ?} parameter. */
public record ParameterField(SqlTypeName type, int precision, int scale) {}
