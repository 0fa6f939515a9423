package dev.marble.jdbc.flyway;

import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.internal.parser.Parser;
import org.flywaydb.core.internal.parser.ParsingContext;

/**
 * Splits migration scripts into statements. Marble's SQL has no procedural blocks, so Flyway's
 * generic rules suffice ({@code ;} ends a statement outside strings, quoted names and comments);
 * the class exists only because Flyway's Parser constructor is protected.
 */
final class MarbleParser extends Parser {
  /** How many characters Flyway may look ahead for a statement's keywords (its usual value). */
  private static final int PEEK_DEPTH = 3;

  MarbleParser(Configuration configuration, ParsingContext parsingContext) {
    super(configuration, parsingContext, PEEK_DEPTH);
  }
}
