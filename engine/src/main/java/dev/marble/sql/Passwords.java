package dev.marble.sql;

import dev.marble.storage.catalog.UserDef;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Password hashes: PBKDF2WithHmacSHA256 with a random 16-byte salt and {@link #ITERATIONS}
 * iterations (OWASP's 2023 figure for this function; about 130 ms per hash on a 2-core build
 * machine). Comparisons take constant time.
 *
 * <p>A slow hash per connect would make pools and short-lived connections crawl, so a successful
 * check is remembered in this process: keyed by the user's name and stored hash (a new password
 * changes the key), the value is an HMAC of the password under a random key made at start-up, so
 * the plaintext is never kept. A password that does not match the remembered one goes through the
 * full hash again: the cache never speeds up guessing.
 */
final class Passwords {
  /** PBKDF2 iterations for new passwords; stored per user, so raising it leaves old users valid. */
  static final int ITERATIONS = 600_000;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;
  private static final int CACHE_SIZE = 1_000;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final SecretKeySpec PROCESS_KEY = new SecretKeySpec(randomBytes(32), "HmacSHA256");
  /** A user that does not exist still costs one hash, so timing does not tell the names apart. */
  private static final UserDef NOBODY = create("", "no password matches this", false);

  private static final Map<String, byte[]> VERIFIED = new LinkedHashMap<>(64, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
      return size() > CACHE_SIZE;
    }
  };

  private Passwords() {}

  /** A new user whose password is {@code password}, hashed with a fresh salt. */
  static UserDef create(String name, String password, boolean admin) {
    byte[] salt = randomBytes(SALT_BYTES);
    byte[] hash = pbkdf2(password, salt, ITERATIONS);
    Base64.Encoder b64 = Base64.getEncoder();
    return new UserDef(name, b64.encodeToString(salt), b64.encodeToString(hash), ITERATIONS, admin);
  }

  /** Whether {@code password} is the user's; a null user (unknown name) is checked against nobody. */
  static boolean matches(UserDef user, String password) {
    if (user == null) {
      matches(NOBODY, password == null ? "" : password);
      return false;
    }
    if (password == null) {
      return false;
    }
    String key = user.name() + '\u0000' + user.hash();
    byte[] mac = hmac(password);
    byte[] known;
    synchronized (VERIFIED) {
      known = VERIFIED.get(key);
    }
    if (known != null && MessageDigest.isEqual(known, mac)) {
      return true;
    }
    Base64.Decoder b64 = Base64.getDecoder();
    byte[] computed = pbkdf2(password, b64.decode(user.salt()), user.iterations());
    if (!MessageDigest.isEqual(computed, b64.decode(user.hash()))) {
      return false;
    }
    synchronized (VERIFIED) {
      VERIFIED.put(key, mac);
    }
    return true;
  }

  /** Forgets the remembered checks of {@code name} (its password changed, or it was renamed or dropped). */
  static void forget(String name) {
    String prefix = name + '\u0000';
    synchronized (VERIFIED) {
      VERIFIED.keySet().removeIf(k -> k.startsWith(prefix));
    }
  }

  private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
    char[] chars = password.toCharArray();
    PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, HASH_BITS);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("The JDK lacks PBKDF2WithHmacSHA256", e);
    } finally {
      spec.clearPassword();
      Arrays.fill(chars, '\u0000');
    }
  }

  private static byte[] hmac(String password) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(PROCESS_KEY);
      return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("The JDK lacks HmacSHA256", e);
    }
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
