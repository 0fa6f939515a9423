package dev.marble.sql;

import dev.marble.storage.Database;
import dev.marble.storage.catalog.SecurityDef;
import dev.marble.storage.catalog.UserDef;
import java.util.Locale;

/**
 * Who a new session is. A database without users lets anyone in under any name, with every right
 * (as before users existed). Once it has users, the {@code user} must name one, exactly or in upper
 * case (unquoted names are stored upper case), and the password must be that user's.
 */
public final class Authentication {
  private Authentication() {}

  /**
   * Opens a session of {@code user} on {@code database}.
   *
   * @throws SqlEngineException INVALID_AUTHORIZATION for an unknown user or a wrong password, with
   *     one message for both, so a caller cannot learn which names exist
   */
  public static Session open(Database database, String user, String password) {
    SecurityDef security = database.catalog().security();
    if (!security.hasUsers()) {
      return new Session(database, user == null ? "" : user);
    }
    UserDef found = user == null ? null : security.user(user);
    if (found == null && user != null) {
      found = security.user(user.toUpperCase(Locale.ROOT));
    }
    if (!Passwords.matches(found, password)) {
      throw new SqlEngineException(SqlEngineException.Code.INVALID_AUTHORIZATION,
          "invalid user name or password for database " + database.name());
    }
    return new Session(database, found.name());
  }
}
