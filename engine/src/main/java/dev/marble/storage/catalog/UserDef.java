package dev.marble.storage.catalog;

/**
 * A user who may connect. The password is kept only as a salted PBKDF2 hash; {@code iterations} is
 * stored per user so the work factor can be raised for new passwords without breaking old ones.
 *
 * @param salt Base64 of the random salt
 * @param hash Base64 of PBKDF2WithHmacSHA256(password, salt, iterations)
 * @param admin may run DDL, manage users and roles and grant privileges; needs no grants
 */
public record UserDef(String name, String salt, String hash, int iterations, boolean admin) {
  public UserDef withName(String newName) {
    return new UserDef(newName, salt, hash, iterations, admin);
  }

  public UserDef withAdmin(boolean isAdmin) {
    return new UserDef(name, salt, hash, iterations, isAdmin);
  }

  public UserDef withPassword(String newSalt, String newHash, int newIterations) {
    return new UserDef(name, newSalt, newHash, newIterations, admin);
  }
}
