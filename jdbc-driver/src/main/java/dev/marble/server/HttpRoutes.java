package dev.marble.server;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.apache.calcite.avatica.remote.Handler.HandlerResponse;
import org.apache.calcite.avatica.remote.ProtobufHandler;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The server's HTTP surface: {@code POST} anything is an Avatica protobuf call; {@code GET /health}
 * and {@code GET /metrics} (Prometheus text format) are for operators and carry no data.
 */
final class HttpRoutes extends Handler.Abstract {
  private final ProtobufHandler avatica;
  private final int maxRequestBytes;
  private final Supplier<String> health;
  private final Supplier<String> metrics;
  private final String metricsContentType;

  HttpRoutes(ProtobufHandler avatica, int maxRequestBytes, Supplier<String> health, Supplier<String> metrics,
      String metricsContentType) {
    this.avatica = avatica;
    this.maxRequestBytes = maxRequestBytes;
    this.health = health;
    this.metrics = metrics;
    this.metricsContentType = metricsContentType;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String method = request.getMethod();
    String path = Request.getPathInContext(request);
    if (method.equals("GET") && path.equals("/health")) {
      send(response, callback, HttpStatus.OK_200, "application/json", health.get());
    } else if (method.equals("GET") && path.equals("/metrics")) {
      send(response, callback, HttpStatus.OK_200, metricsContentType, metrics.get());
    } else if (method.equals("POST")) {
      call(request, response, callback);
    } else {
      send(response, callback, HttpStatus.NOT_FOUND_404, "text/plain",
          "Marble server: POST Avatica calls to any path; GET /health or /metrics\n");
    }
    return true;
  }

  private void call(Request request, Response response, Callback callback) throws Exception {
    long declared = request.getLength();
    if (declared > maxRequestBytes) {
      send(response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413, "text/plain",
          "Request of " + declared + " bytes; this server accepts at most " + maxRequestBytes + "\n");
      return;
    }
    byte[] body;
    try (InputStream in = Content.Source.asInputStream(request)) {
      body = in.readNBytes(maxRequestBytes + 1);
    }
    if (body.length > maxRequestBytes) {
      send(response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413, "text/plain",
          "Request larger than " + maxRequestBytes + " bytes\n");
      return;
    }
    HandlerResponse<byte[]> answer;
    try {
      answer = avatica.apply(body);
    } catch (RuntimeException e) {
      // A body that is not an Avatica message at all.
      answer = avatica.badRequestErrorResponse(e);
    }
    response.setStatus(answer.getStatusCode());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
    response.write(true, ByteBuffer.wrap(answer.getResponse()), callback);
  }

  private static void send(Response response, Callback callback, int status, String type, String text) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, type + (type.contains("charset") ? "" : "; charset=utf-8"));
    response.write(true, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), callback);
  }
}
