package dev.marble.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * docs/benchmarks.svg, written by hand: one group of bars per measurement (its headline number),
 * one bar per database, each bar the database's advantage over the best peer (1 = as good as the
 * best of H2, SQLite and HSQLDB; above 1 better, whatever the unit). A log scale, because the
 * ratios span orders of magnitude (a table scan against an index lookup), and bars start at the
 * bottom so that a ratio below 1 is still a visible bar.
 */
final class SvgChart {
  private static final int WIDTH = 980;
  private static final int HEIGHT = 500;
  private static final int LEFT = 64;
  private static final int RIGHT = 16;
  private static final int TOP = 96;
  private static final int BOTTOM = 84;
  private static final String[] COLORS = {"#c2410c", "#1d4ed8", "#15803d", "#7e22ce"};

  private final List<Results> all;
  private final long rows;
  private final StringBuilder svg = new StringBuilder();

  SvgChart(List<Results> all, long rows) {
    this.all = all;
    this.rows = rows;
  }

  /** A bar: the advantage over the reference, or NaN when there is no number (failed or not run). */
  private record Bar(double advantage, boolean partial, boolean failed) {}

  String render() {
    List<Measurement> groups = new ArrayList<>();
    List<List<Bar>> bars = new ArrayList<>();
    double min = 1;
    double max = 1;
    for (Measurement m : Measurement.values()) {
      Metric metric = Metric.headline(m);
      Double reference = reference(metric);
      if (reference == null) {
        continue;
      }
      List<Bar> group = new ArrayList<>();
      for (Results r : all) {
        Results.Value v = r.get(metric);
        if (v == null || v.number() <= 0) {
          group.add(new Bar(Double.NaN, false, r.failure(m) != null));
        } else {
          double a = metric.advantage(v.number(), reference);
          min = Math.min(min, a);
          max = Math.max(max, a);
          group.add(new Bar(a, v.partial(), false));
        }
      }
      groups.add(m);
      bars.add(group);
    }
    // Whole decades, at least 0.1 to 10, with room above the highest bar for its label.
    int loExp = (int) Math.min(-1, Math.floor(Math.log10(min / 1.3)));
    int hiExp = (int) Math.max(1, Math.ceil(Math.log10(max * 2)));
    double lo = Math.pow(10, loExp);
    double hi = Math.pow(10, hiExp);
    header(loExp, hiExp);
    int plotWidth = WIDTH - LEFT - RIGHT;
    double groupWidth = groups.isEmpty() ? plotWidth : (double) plotWidth / groups.size();
    double barWidth = groupWidth * 0.8 / Math.max(1, all.size());
    for (int g = 0; g < groups.size(); g++) {
      double x0 = LEFT + g * groupWidth + groupWidth * 0.1;
      for (int b = 0; b < all.size(); b++) {
        bar(bars.get(g).get(b), x0 + b * barWidth, barWidth, COLORS[all.get(b).database.ordinal()], lo, hi);
      }
      groupLabel(groups.get(g), LEFT + (g + 0.5) * groupWidth, groupWidth);
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  /** The best peer's value, or the best database's when only Marble ran; null if nobody has one. */
  private Double reference(Metric metric) {
    Results best = Report.bestPeer(all, metric);
    if (best != null) {
      return best.get(metric).number();
    }
    Results.Value marble = all.stream().filter(r -> r.database == Database.MARBLE).map(r -> r.get(metric))
        .filter(v -> v != null && v.number() > 0).findFirst().orElse(null);
    return marble == null ? null : marble.number();
  }

  private void header(int loExp, int hiExp) {
    double lo = Math.pow(10, loExp);
    double hi = Math.pow(10, hiExp);
    add("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
        + "font-family=\"Helvetica, Arial, sans-serif\">", WIDTH, HEIGHT, WIDTH, HEIGHT);
    add("<rect width=\"100%%\" height=\"100%%\" fill=\"#ffffff\"/>");
    List<String> peers = all.stream().filter(r -> r.database.isPeer()).map(r -> r.database.label).toList();
    boolean marble = all.stream().anyMatch(r -> !r.database.isPeer());
    String title = (marble ? "Marble" + (peers.isEmpty() ? "" : " vs ") : "") + and(peers);
    add("<text x=\"%d\" y=\"24\" font-size=\"17\" font-weight=\"bold\">%s</text>", LEFT,
        escape(String.format(Locale.ROOT, "%s, N = %,d rows", title, rows)));
    add("<text x=\"%d\" y=\"42\" font-size=\"11\" fill=\"#444\">%s</text>", LEFT, escape(peers.isEmpty()
        ? "Relative to Marble itself (no peer ran); log scale."
        : "Each database relative to the best peer (1 = best of " + String.join(", ", peers)
            + "); higher is better; log scale."));
    add("<text x=\"%d\" y=\"56\" font-size=\"11\" fill=\"#444\">%s</text>", LEFT, escape("Rates are "
        + "divided by the best peer's; for times and sizes the best peer's is divided by the database's. "
        + "Lighter bar, †: time budget reached."));
    int x = LEFT;
    for (Results r : all) {
      add("<rect x=\"%d\" y=\"66\" width=\"12\" height=\"12\" fill=\"%s\"/>", x, COLORS[r.database.ordinal()]);
      add("<text x=\"%d\" y=\"76\" font-size=\"12\">%s</text>", x + 16, escape(r.database.label));
      x += 30 + 8 * r.database.label.length();
    }
    int bottom = HEIGHT - BOTTOM;
    for (int e = loExp; e <= hiExp; e++) {
      double y = y(Math.pow(10, e), lo, hi);
      boolean one = e == 0;
      add("<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%s\"/>", LEFT,
          WIDTH - RIGHT, y, y, one ? "#222" : "#ddd", one ? "1.5" : "1");
      add("<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%s</text>", LEFT - 6, y + 4,
          decade(e) + "×");
    }
    add("<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"#222\"/>", LEFT, LEFT, TOP, bottom);
  }

  private void bar(Bar bar, double x, double width, String color, double lo, double hi) {
    int bottom = HEIGHT - BOTTOM;
    double cx = x + width / 2;
    if (Double.isNaN(bar.advantage())) {
      add("<text x=\"%.1f\" y=\"%d\" font-size=\"9\" fill=\"%s\" transform=\"rotate(-90 %.1f %d)\">%s</text>",
          cx + 3, bottom - 4, color, cx + 3, bottom - 4, bar.failed() ? "failed" : "not run");
      return;
    }
    double y = y(bar.advantage(), lo, hi);
    add("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"%s/>", x + 1, y, width - 2,
        bottom - y, color, bar.partial() ? " fill-opacity=\"0.45\"" : "");
    String label = label(bar.advantage()) + (bar.partial() ? " †" : "");
    add("<text x=\"%.1f\" y=\"%.1f\" font-size=\"9\" transform=\"rotate(-90 %.1f %.1f)\">%s</text>",
        cx + 3, y - 3, cx + 3, y - 3, escape(label));
  }

  private void groupLabel(Measurement m, double cx, double width) {
    int y = HEIGHT - BOTTOM + 16;
    List<String> lines = wrap(m.label(), (int) (width / 6.2));
    int names = lines.size();
    lines.addAll(wrap(Metric.headline(m).unit, (int) (width / 5.6)));
    for (int i = 0; i < lines.size(); i++) {
      boolean unit = i >= names;
      add("<text x=\"%.1f\" y=\"%d\" font-size=\"%s\" text-anchor=\"middle\"%s>%s</text>", cx, y + 13 * i,
          unit ? "10" : "11", unit ? " fill=\"#555\"" : "", escape(lines.get(i)));
    }
  }

  private static double y(double v, double lo, double hi) {
    double span = Math.log10(hi) - Math.log10(lo);
    return TOP + (HEIGHT - BOTTOM - TOP) * (Math.log10(hi) - Math.log10(v)) / span;
  }

  /** "A", "A and B", "A, B and C". */
  private static String and(List<String> names) {
    if (names.size() <= 1) {
      return String.join("", names);
    }
    return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
  }

  /** Words into lines of at most about {@code chars} characters (a long word gets a line of its own). */
  private static List<String> wrap(String text, int chars) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > chars) {
        lines.add(line.toString());
        line.setLength(0);
      }
      line.append(line.length() > 0 ? " " : "").append(word);
    }
    lines.add(line.toString());
    return lines;
  }

  private static String label(double v) {
    String f = v >= 10 ? "%.0f" : v >= 0.1 ? "%.2f" : v >= 0.001 ? "%.3f" : "%.0e";
    return String.format(Locale.ROOT, f, v);
  }

  /** 10^e written out: 0.01, 0.1, 1, 10, 100. */
  private static String decade(int e) {
    return e >= 0 ? "1" + "0".repeat(e) : "0." + "0".repeat(-e - 1) + "1";
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private void add(String format, Object... args) {
    svg.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
