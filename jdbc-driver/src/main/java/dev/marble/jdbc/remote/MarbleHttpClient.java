package dev.marble.jdbc.remote;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import org.apache.calcite.avatica.ConnectionConfig;
import org.apache.calcite.avatica.remote.AvaticaHttpClient;
import org.apache.calcite.avatica.remote.AvaticaHttpClientFactory;
import org.apache.calcite.avatica.remote.KerberosConnection;

/**
 * The HTTP client of remote connections: the JDK's {@link HttpClient} instead of Avatica's default,
 * which retries forever when a server closes without answering (a plaintext client on the TLS port
 * hangs there for good). Here a failed exchange is an error at once (the caller sees 08006) and an
 * overloaded server's 503 is retried three times with a pause.
 */
public final class MarbleHttpClient implements AvaticaHttpClient {
  private static final int RETRIES_ON_503 = 3;

  private final HttpClient http;
  private final java.net.URI uri;
  private final Duration responseTimeout;

  MarbleHttpClient(URL url, ConnectionConfig config) {
    try {
      this.uri = url.toURI();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("Bad server address " + url, e);
    }
    HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofMillis(Math.max(1, config.getHttpConnectionTimeout())));
    if ("https".equalsIgnoreCase(url.getProtocol())) {
      builder.sslContext(sslContext(config));
    }
    this.http = builder.build();
    long response = config.getHttpResponseTimeout();
    this.responseTimeout = response > 0 ? Duration.ofMillis(response) : null;
  }

  /** Named in the {@code httpclient_factory} property of Avatica's connection. */
  public static final class Factory implements AvaticaHttpClientFactory {
    @Override
    public AvaticaHttpClient getClient(URL url, ConnectionConfig config, KerberosConnection kerberos) {
      return new MarbleHttpClient(url, config);
    }
  }

  @Override
  public byte[] send(byte[] request) {
    HttpRequest.Builder post = HttpRequest.newBuilder(uri).header("Content-Type", "application/octet-stream")
        .POST(HttpRequest.BodyPublishers.ofByteArray(request));
    if (responseTimeout != null) {
      post.timeout(responseTimeout);
    }
    for (int attempt = 0; ; attempt++) {
      HttpResponse<byte[]> response;
      try {
        response = http.send(post.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        throw new UncheckedIOException("No answer from " + uri + ": " + e, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UncheckedIOException(new IOException("Interrupted while waiting for " + uri, e));
      }
      int status = response.statusCode();
      // Avatica sends its error responses with status 500: they carry the SQLException.
      if (status == 200 || status == 500) {
        return response.body();
      }
      if (status == 503 && attempt < RETRIES_ON_503) {
        pause(attempt);
        continue;
      }
      throw new UncheckedIOException(new IOException("The server at " + uri + " answered HTTP " + status + ": "
          + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8).trim()));
    }
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(200L << attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Trusts the configured truststore, or the JVM's default one; hostname checks unless NONE. */
  private static SSLContext sslContext(ConnectionConfig config) {
    try {
      KeyStore trusted = null;
      if (config.truststore() != null) {
        trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        char[] password = config.truststorePassword() == null ? null : config.truststorePassword().toCharArray();
        try (InputStream in = Files.newInputStream(config.truststore().toPath())) {
          trusted.load(in, password);
        }
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trusted);
      TrustManager[] managers = tmf.getTrustManagers();
      // By name: Avatica's enum type is deprecated (with no successor) though its config still returns it.
      if ("NONE".equals(String.valueOf(config.hostnameVerification()))) {
        managers = new TrustManager[] {new WithoutHostnameCheck((X509TrustManager) managers[0])};
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, managers, null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("Cannot use truststore " + config.truststore() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Checks the certificate chain but not that it names the host: for hostname_verification=NONE
   * only, which a test setup may need and production never should.
   */
  private static final class WithoutHostnameCheck extends X509ExtendedTrustManager {
    private final X509TrustManager chain;

    WithoutHostnameCheck(X509TrustManager chain) {
      this.chain = chain;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certs, String authType, SSLEngine engine)
        throws CertificateException {
      chain.checkServerTrusted(certs, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certs, String authType, Socket socket)
        throws CertificateException {
      chain.checkServerTrusted(certs, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certs, String authType) throws CertificateException {
      chain.checkServerTrusted(certs, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certs, String authType, SSLEngine engine)
        throws CertificateException {
      chain.checkClientTrusted(certs, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certs, String authType, Socket socket)
        throws CertificateException {
      chain.checkClientTrusted(certs, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certs, String authType) throws CertificateException {
      chain.checkClientTrusted(certs, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return chain.getAcceptedIssuers();
    }
  }
}
