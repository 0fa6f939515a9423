package dev.marble.server;

/**
 * Why a Marble server could not start, with a stable {@link Code} per cause. Errors of the
 * databases it serves travel to clients as SQLExceptions instead.
 */
public final class ServerException extends RuntimeException {
  /** Stable causes; the command line prints the message and exits with {@link #exitStatus()}. */
  public enum Code {
    /** No admin password given: the server would serve databases nobody can administer or protect. */
    NO_ADMIN_PASSWORD,
    /** Plaintext on a non-loopback address without {@code --insecure}. */
    INSECURE_ADDRESS,
    PORT_IN_USE,
    BAD_DIRECTORY,
    BAD_KEYSTORE,
    BAD_OPTION,
    START_FAILED
  }

  private final Code code;

  public ServerException(Code code, String message) {
    super(message);
    this.code = code;
  }

  public ServerException(Code code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public Code code() {
    return code;
  }

  /** Exit status of the command line: 2 for wrong usage, 1 for the rest. */
  public int exitStatus() {
    return code == Code.START_FAILED || code == Code.PORT_IN_USE ? 1 : 2;
  }
}
