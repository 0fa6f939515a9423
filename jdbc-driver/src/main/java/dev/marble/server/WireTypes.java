package dev.marble.server;

import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;

/**
 * Describes columns and parameters in types Avatica's wire protocol carries. Avatica's client has
 * no accessor for CLOB and BLOB columns ("unknown type 2005") though the values themselves travel
 * well (Marble gives a CLOB as a String and a BLOB as a byte[]), so these are sent as VARCHAR and
 * VARBINARY under their own type name, from which Marble's client restores the JDBC type. Avatica
 * cannot serialize a {@link UUID} value either: it travels as its text, which Marble's client turns
 * back into a UUID for columns of that type.
 */
final class WireTypes {
  private WireTypes() {}

  static Meta.ExecuteResult of(Meta.ExecuteResult result) {
    List<Meta.MetaResultSet> sets = new ArrayList<>(result.resultSets.size());
    for (Meta.MetaResultSet r : result.resultSets) {
      sets.add(of(r));
    }
    return new Meta.ExecuteResult(sets);
  }

  static Meta.MetaResultSet of(Meta.MetaResultSet r) {
    of(r.firstFrame);
    Meta.Signature s = of(r.signature);
    if (s == r.signature) {
      return r;
    }
    return Meta.MetaResultSet.create(r.connectionId, r.statementId, r.ownStatement, s, r.firstFrame);
  }

  /** Replaces, in place, the values of the frame's rows that Avatica cannot serialize. */
  static Meta.Frame of(Meta.Frame frame) {
    if (frame == null || frame.rows == null) {
      return frame;
    }
    for (Object row : frame.rows) {
      if (row instanceof Object[] values) {
        for (int i = 0; i < values.length; i++) {
          if (values[i] instanceof UUID u) {
            values[i] = u.toString();
          }
        }
      }
    }
    return frame;
  }

  /** The signature with LOB columns and parameters described as VARCHAR/VARBINARY; {@code s} if none. */
  static Meta.Signature of(Meta.Signature s) {
    if (s == null || !hasLobs(s)) {
      return s;
    }
    List<ColumnMetaData> columns = new ArrayList<>(s.columns.size());
    for (ColumnMetaData c : s.columns) {
      columns.add(wireType(c.type.id) == c.type.id ? c : column(c));
    }
    List<AvaticaParameter> parameters = new ArrayList<>(s.parameters.size());
    for (AvaticaParameter p : s.parameters) {
      int type = wireType(p.parameterType);
      parameters.add(type == p.parameterType ? p
          : new AvaticaParameter(p.signed, p.precision, p.scale, type, p.typeName, p.className, p.name));
    }
    return new Meta.Signature(columns, s.sql, parameters, s.internalParameters, s.cursorFactory, s.statementType);
  }

  private static boolean hasLobs(Meta.Signature s) {
    for (ColumnMetaData c : s.columns) {
      if (wireType(c.type.id) != c.type.id) {
        return true;
      }
    }
    for (AvaticaParameter p : s.parameters) {
      if (wireType(p.parameterType) != p.parameterType) {
        return true;
      }
    }
    return false;
  }

  private static int wireType(int type) {
    switch (type) {
      case Types.CLOB:
      case Types.NCLOB:
        return Types.VARCHAR;
      case Types.BLOB:
        return Types.VARBINARY;
      default:
        return type;
    }
  }

  private static ColumnMetaData column(ColumnMetaData c) {
    int type = wireType(c.type.id);
    ColumnMetaData.Rep rep = type == Types.VARCHAR ? ColumnMetaData.Rep.STRING : ColumnMetaData.Rep.BYTE_STRING;
    return new ColumnMetaData(c.ordinal, c.autoIncrement, c.caseSensitive, c.searchable, c.currency, c.nullable,
        c.signed, c.displaySize, c.label, c.columnName, c.schemaName, c.precision, c.scale, c.tableName,
        c.catalogName, ColumnMetaData.scalar(type, c.type.name, rep), c.readOnly, c.writable,
        c.definitelyWritable, c.columnClassName);
  }
}
