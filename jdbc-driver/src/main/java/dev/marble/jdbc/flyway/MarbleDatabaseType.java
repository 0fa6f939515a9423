package dev.marble.jdbc.flyway;

import dev.marble.jdbc.MarbleDriver;
import java.sql.Connection;
import java.sql.Types;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.internal.database.base.BaseDatabaseType;
import org.flywaydb.core.internal.jdbc.JdbcConnectionFactory;
import org.flywaydb.core.internal.jdbc.StatementInterceptor;
import org.flywaydb.core.internal.parser.Parser;
import org.flywaydb.core.internal.parser.ParsingContext;

/**
 * Flyway's entry point for Marble, found through {@code META-INF/services/
 * org.flywaydb.core.extensibility.Plugin}: Flyway has no generic JDBC database type, so every
 * database needs one. It claims {@code jdbc:marble:} URLs and connections whose product name is
 * "Marble" (a DataSource, e.g. Spring Boot's pool).
 *
 * <p>The base classes are Flyway's internal API ({@code org.flywaydb.core.internal}); the plugin
 * compiles and is tested against Flyway 12.4 and 13.x, whose internal API it uses is unchanged.
 */
public final class MarbleDatabaseType extends BaseDatabaseType {
  static final String PRODUCT_NAME = "Marble";
  private static final String URL_PREFIX = "jdbc:marble:";

  @Override
  public String getName() {
    return PRODUCT_NAME;
  }

  /** The JDBC type Flyway binds a null parameter with (history rows: version, checksum). */
  @Override
  public int getNullType() {
    return Types.VARCHAR;
  }

  @Override
  public boolean handlesJDBCUrl(String url) {
    return url.startsWith(URL_PREFIX);
  }

  @Override
  public String getDriverClass(String url, ClassLoader classLoader) {
    return MarbleDriver.class.getName();
  }

  /** Flyway passes the product name with the version appended ("Marble 0.1"). */
  @Override
  public boolean handlesDatabaseProductNameAndVersion(String databaseProductName, String databaseProductVersion,
      Connection connection) {
    return databaseProductName.startsWith(PRODUCT_NAME);
  }

  @Override
  public MarbleFlywayDatabase createDatabase(Configuration configuration, JdbcConnectionFactory jdbcConnectionFactory,
      StatementInterceptor statementInterceptor) {
    return new MarbleFlywayDatabase(configuration, jdbcConnectionFactory, statementInterceptor);
  }

  @Override
  public Parser createParser(Configuration configuration, ResourceProvider resourceProvider,
      ParsingContext parsingContext) {
    return new MarbleParser(configuration, parsingContext);
  }
}
