package dev.marble.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unauthenticated floods, wrong passwords and garbage requests, while a legitimate client works:
 * it must see no error, and the server must be healthy afterwards.
 */
class FloodTest {
  @TempDir
  Path dir;

  @Test
  void floodsDoNotStopALegitimateClient() throws Exception {
    try (MarbleServer server = MarbleServer.builder(dir).port(0).adminPassword("pw").start();
        Connection legit = ServerTest.connect(server, "shop", "admin", "pw")) {
      legit.createStatement().execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
      AtomicBoolean flooding = new AtomicBoolean(true);
      Map<String, AtomicInteger> refusals = new ConcurrentHashMap<>();
      AtomicInteger garbage = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(9);
      Future<Integer> work = pool.submit(() -> {
        int done = 0;
        try (Statement s = legit.createStatement()) {
          while (flooding.get() || done < 20) {
            s.executeUpdate("INSERT INTO t VALUES (" + done + ", " + done + ")");
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
              rs.next();
              assertEquals(done + 1, rs.getInt(1));
            }
            done++;
          }
        }
        return done;
      });
      Future<?>[] floods = new Future<?>[8];
      for (int i = 0; i < 4; i++) {
        floods[i] = pool.submit(() -> {
          for (int n = 0; n < 15; n++) {
            try (Connection c = ServerTest.connect(server, "shop", n % 2 == 0 ? "admin" : "nobody", "wrong" + n)) {
              refusals.computeIfAbsent("connected!", k -> new AtomicInteger()).incrementAndGet();
            } catch (SQLException e) {
              refusals.computeIfAbsent(e.getSQLState(), k -> new AtomicInteger()).incrementAndGet();
            }
          }
          return null;
        });
      }
      HttpClient http = HttpClient.newHttpClient();
      URI uri = URI.create("http://127.0.0.1:" + server.port() + "/");
      for (int i = 4; i < 8; i++) {
        long seed = i;
        floods[i] = pool.submit(() -> {
          Random random = new Random(seed);
          for (int n = 0; n < 100; n++) {
            byte[] body = new byte[random.nextInt(2000)];
            random.nextBytes(body);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 400) {
              garbage.incrementAndGet();
            }
          }
          return null;
        });
      }
      for (Future<?> f : floods) {
        f.get(5, TimeUnit.MINUTES);
      }
      flooding.set(false);
      int done = work.get(5, TimeUnit.MINUTES);
      pool.shutdown();
      assertTrue(done >= 20, "the legitimate client kept working: " + done);
      assertEquals(null, refusals.get("connected!"), "no wrong password got in: " + refusals);
      int refused = refusals.values().stream().mapToInt(AtomicInteger::get).sum();
      assertEquals(60, refused, refusals.toString());
      assertTrue(refusals.keySet().stream().allMatch(s -> s.equals("28000") || s.equals("08004")), refusals.toString());
      assertEquals(400, garbage.get(), "every garbage request was refused");
      assertEquals(200, ServerTest.get(server, "/health").statusCode());
      try (Connection again = ServerTest.connect(server, "shop", "admin", "pw");
          ResultSet rs = again.createStatement().executeQuery("SELECT COUNT(*) FROM t")) {
        rs.next();
        assertEquals(done, rs.getInt(1));
      }
    }
  }
}
