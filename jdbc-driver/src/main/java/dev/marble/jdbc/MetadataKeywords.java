package dev.marble.jdbc;

import dev.marble.sql.parser.impl.MarbleSqlParserImpl;
import java.io.StringReader;
import java.util.Set;
import java.util.TreeSet;
import org.apache.calcite.sql.SqlJdbcFunctionCall;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;

/**
 * The word lists of {@link java.sql.DatabaseMetaData}: keywords beyond SQL:2003 and the function
 * names per category.
 *
 * <p>Keywords are read from Marble's generated parser: its reserved words, plus the keywords
 * Marble's DDL adds (non-reserved, but keywords all the same), minus the reserved words of SQL:2003.
 * Function lists are the JDBC escape functions ({@code {fn ...}}) Calcite translates, plus the
 * standard SQL functions of each category that Marble also accepts by name. Every listed function
 * runs (MarbleDatabaseMetaDataTest calls them).
 */
final class MetadataKeywords {
  private MetadataKeywords() {}

  /** Keywords Marble's parser adds to Calcite's ({@code keywords} in the parser's config.fmpp). */
  private static final String MARBLE_KEYWORDS = "AUTO_INCREMENT,CACHE,COMMENT,IF,INDEX,RENAME";

  /** The reserved words of SQL:2003 (ISO/IEC 9075-2:2003, 5.2). */
  private static final Set<String> SQL_2003 = Set.of((""
      + "ABS ALL ALLOCATE ALTER AND ANY ARE ARRAY AS ASENSITIVE ASYMMETRIC AT ATOMIC AUTHORIZATION AVG BEGIN "
      + "BETWEEN BIGINT BINARY BLOB BOOLEAN BOTH BY CALL CALLED CARDINALITY CASCADED CASE CAST CEIL CEILING CHAR "
      + "CHAR_LENGTH CHARACTER CHARACTER_LENGTH CHECK CLOB CLOSE COALESCE COLLATE COLLECT COLUMN COMMIT CONDITION "
      + "CONNECT CONSTRAINT CONVERT CORR CORRESPONDING COUNT COVAR_POP COVAR_SAMP CREATE CROSS CUBE CUME_DIST "
      + "CURRENT CURRENT_DATE CURRENT_DEFAULT_TRANSFORM_GROUP CURRENT_PATH CURRENT_ROLE CURRENT_TIME "
      + "CURRENT_TIMESTAMP CURRENT_TRANSFORM_GROUP_FOR_TYPE CURRENT_USER CURSOR CYCLE DATE DAY DEALLOCATE DEC "
      + "DECIMAL DECLARE DEFAULT DELETE DENSE_RANK DEREF DESCRIBE DETERMINISTIC DISCONNECT DISTINCT DOUBLE DROP "
      + "DYNAMIC EACH ELEMENT ELSE END END-EXEC ESCAPE EVERY EXCEPT EXEC EXECUTE EXISTS EXP EXTERNAL EXTRACT FALSE "
      + "FETCH FILTER FLOAT FLOOR FOR FOREIGN FREE FROM FULL FUNCTION FUSION GET GLOBAL GRANT GROUP GROUPING HAVING "
      + "HOLD HOUR IDENTITY IN INDICATOR INNER INOUT INSENSITIVE INSERT INT INTEGER INTERSECT INTERSECTION INTERVAL "
      + "INTO IS JOIN LANGUAGE LARGE LATERAL LEADING LEFT LIKE LN LOCAL LOCALTIME LOCALTIMESTAMP LOWER MATCH MAX "
      + "MEMBER MERGE METHOD MIN MINUTE MOD MODIFIES MODULE MONTH MULTISET NATIONAL NATURAL NCHAR NCLOB NEW NO NONE "
      + "NORMALIZE NOT NULL NULLIF NUMERIC OCTET_LENGTH OF OLD ON ONLY OPEN OR ORDER OUT OUTER OVER OVERLAPS "
      + "OVERLAY PARAMETER PARTITION PERCENT_RANK PERCENTILE_CONT PERCENTILE_DISC POSITION POWER PRECISION PREPARE "
      + "PRIMARY PROCEDURE RANGE RANK READS REAL RECURSIVE REF REFERENCES REFERENCING REGR_AVGX REGR_AVGY "
      + "REGR_COUNT REGR_INTERCEPT REGR_R2 REGR_SLOPE REGR_SXX REGR_SXY REGR_SYY RELEASE RESULT RETURN RETURNS "
      + "REVOKE RIGHT ROLLBACK ROLLUP ROW ROW_NUMBER ROWS SAVEPOINT SCOPE SCROLL SEARCH SECOND SELECT SENSITIVE "
      + "SESSION_USER SET SIMILAR SMALLINT SOME SPECIFIC SPECIFICTYPE SQL SQLEXCEPTION SQLSTATE SQLWARNING SQRT "
      + "START STATIC STDDEV_POP STDDEV_SAMP SUBMULTISET SUBSTRING SUM SYMMETRIC SYSTEM SYSTEM_USER TABLE "
      + "TABLESAMPLE THEN TIME TIMESTAMP TIMEZONE_HOUR TIMEZONE_MINUTE TO TRAILING TRANSLATE TRANSLATION TREAT "
      + "TRIGGER TRIM TRUE UESCAPE UNION UNIQUE UNKNOWN UNNEST UPDATE UPPER USER USING VALUE VALUES VAR_POP "
      + "VAR_SAMP VARCHAR VARYING WHEN WHENEVER WHERE WIDTH_BUCKET WINDOW WITH WITHIN WITHOUT YEAR").split(" "));

  static final String SQL_KEYWORDS = sqlKeywords();

  static final String NUMERIC_FUNCTIONS = join(SqlJdbcFunctionCall.getNumericFunctions(), "CEIL,LN");
  static final String STRING_FUNCTIONS = join(SqlJdbcFunctionCall.getStringFunctions(),
      "CHAR_LENGTH,CHARACTER_LENGTH,INITCAP,LOWER,OCTET_LENGTH,OVERLAY,POSITION,TRIM,UPPER");
  static final String SYSTEM_FUNCTIONS = join(SqlJdbcFunctionCall.getSystemFunctions(),
      "COALESCE,CURRENT_USER,NULLIF,SESSION_USER");
  /** Without CONVERT_TIMEZONE, which Calcite parses but cannot run. */
  static final String TIME_DATE_FUNCTIONS = join(SqlJdbcFunctionCall.getTimeDateFunctions(),
      "CURRENT_DATE,CURRENT_TIME,CURRENT_TIMESTAMP,EXTRACT,LOCALTIME,LOCALTIMESTAMP", "CONVERT_TIMEZONE");

  private static String sqlKeywords() {
    Set<String> words = new TreeSet<>();
    for (String w : MARBLE_KEYWORDS.split(",")) {
      words.add(w);
    }
    try {
      SqlAbstractParserImpl parser = MarbleSqlParserImpl.FACTORY.getParser(new StringReader(""));
      SqlAbstractParserImpl.Metadata metadata = parser.getMetadata();
      for (String token : metadata.getTokens()) {
        if (metadata.isReservedWord(token)) {
          words.add(token);
        }
      }
    } catch (RuntimeException | LinkageError e) {
      // the parser's own list is a refinement; Marble's additions are the essential part
    }
    words.removeAll(SQL_2003);
    return String.join(",", words);
  }

  private static String join(String calciteList, String standard, String... excluded) {
    Set<String> names = new TreeSet<>();
    for (String list : new String[] {calciteList, standard}) {
      for (String name : list.split(",")) {
        if (!name.isBlank()) {
          names.add(name.trim());
        }
      }
    }
    names.removeAll(Set.of(excluded));
    return String.join(",", names);
  }
}
