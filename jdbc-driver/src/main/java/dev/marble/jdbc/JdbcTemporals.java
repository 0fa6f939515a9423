package dev.marble.jdbc;

import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Calendar;

/**
 * Date/time arithmetic between the engine's zone-less encodings (DATE = days since 1970-01-01,
 * TIME = millis of day, TIMESTAMP = millis since 1970-01-01T00:00 of the local date-time) and
 * {@code java.time} / {@code java.sql} values.
 *
 * <p>Engine values are converted with UTC arithmetic only. The JVM default time zone (or a
 * caller's {@link Calendar}) is used only where {@code java.sql.Date/Time/Timestamp}, which are
 * instants, have to represent a local value.
 */
final class JdbcTemporals {
  static final long MILLIS_PER_DAY = 86_400_000L;
  private static final long NANOS_PER_MILLI = 1_000_000L;

  private JdbcTemporals() {}

  // ---- engine encodings <-> java.time

  static LocalDate date(long epochDays) {
    return LocalDate.ofEpochDay(epochDays);
  }

  static LocalTime time(long millisOfDay) {
    return LocalTime.ofNanoOfDay(Math.floorMod(millisOfDay, MILLIS_PER_DAY) * NANOS_PER_MILLI);
  }

  static LocalDateTime timestamp(long epochMillis) {
    long seconds = Math.floorDiv(epochMillis, 1000L);
    int nanos = (int) (Math.floorMod(epochMillis, 1000L) * NANOS_PER_MILLI);
    return LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC);
  }

  /** Engine DATE value; throws ArithmeticException outside the int range. */
  static int days(LocalDate date) {
    return Math.toIntExact(date.toEpochDay());
  }

  /** Engine TIME value (sub-millisecond digits are truncated). */
  static int millisOfDay(LocalTime time) {
    return (int) (time.toNanoOfDay() / NANOS_PER_MILLI);
  }

  /** Engine TIMESTAMP value (sub-millisecond digits are truncated). */
  static long millis(LocalDateTime dateTime) {
    long seconds = dateTime.toEpochSecond(ZoneOffset.UTC);
    return Math.addExact(Math.multiplyExact(seconds, 1000L), dateTime.getNano() / NANOS_PER_MILLI);
  }

  // ---- java.util.Date family -> local values

  /**
   * The local date-time a {@code java.util.Date} stands for in {@code zone}, or, for the
   * {@code java.sql} subclasses without a calendar, what their {@code toLocalXxx} methods say.
   */
  static LocalDateTime local(java.util.Date value, Calendar calendar) {
    if (calendar == null) {
      if (value instanceof Timestamp) {
        return ((Timestamp) value).toLocalDateTime();
      } else if (value instanceof java.sql.Date) {
        return ((java.sql.Date) value).toLocalDate().atStartOfDay();
      } else if (value instanceof Time) {
        return LocalDate.EPOCH.atTime(localTime((Time) value));
      }
    }
    Instant instant = value instanceof Timestamp
        ? ((Timestamp) value).toInstant() : Instant.ofEpochMilli(value.getTime());
    LocalDateTime local = LocalDateTime.ofInstant(instant, zone(calendar));
    if (value instanceof java.sql.Date) {
      return local.toLocalDate().atStartOfDay();
    }
    return value instanceof Time ? LocalDate.EPOCH.atTime(local.toLocalTime()) : local;
  }

  private static LocalTime localTime(Time time) {
    int millis = (int) Math.floorMod(time.getTime(), 1000L);
    return time.toLocalTime().withNano(millis * (int) NANOS_PER_MILLI);
  }

  static LocalDateTime utc(OffsetDateTime value) {
    return value.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
  }

  static LocalDateTime utc(Instant value) {
    return LocalDateTime.ofInstant(value, ZoneOffset.UTC);
  }

  // ---- local values -> java.sql

  /** The start of {@code date} in the calendar's zone (JVM default zone when null). */
  static java.sql.Date sqlDate(LocalDate date, Calendar calendar) {
    if (calendar == null) {
      return java.sql.Date.valueOf(date);
    }
    return new java.sql.Date(date.atStartOfDay(zone(calendar)).toInstant().toEpochMilli());
  }

  /** {@code time} on 1970-01-01 in the calendar's zone (JVM default zone when null). */
  static Time sqlTime(LocalTime time, Calendar calendar) {
    LocalDateTime onEpochDay = LocalDate.EPOCH.atTime(time);
    return new Time(onEpochDay.atZone(zone(calendar)).toInstant().toEpochMilli());
  }

  /** {@code Timestamp.valueOf(dateTime)}, or the instant in the calendar's zone. */
  static Timestamp sqlTimestamp(LocalDateTime dateTime, Calendar calendar) {
    if (calendar == null) {
      return Timestamp.valueOf(dateTime);
    }
    return Timestamp.from(dateTime.atZone(zone(calendar)).toInstant());
  }

  private static ZoneId zone(Calendar calendar) {
    return calendar == null ? ZoneId.systemDefault() : calendar.getTimeZone().toZoneId();
  }

  // ---- text

  /** {@code yyyy-MM-dd}. */
  static String format(LocalDate date) {
    return date.toString();
  }

  /** {@code HH:mm:ss}, plus a fraction without trailing zeros when not zero. */
  static String format(LocalTime time) {
    StringBuilder text = new StringBuilder(18);
    pad2(text, time.getHour()).append(':');
    pad2(text, time.getMinute()).append(':');
    pad2(text, time.getSecond());
    int nanos = time.getNano();
    if (nanos != 0) {
      String digits = Integer.toString(1_000_000_000 + nanos).substring(1);
      text.append('.').append(digits.replaceFirst("0+$", ""));
    }
    return text.toString();
  }

  /** {@code yyyy-MM-dd HH:mm:ss[.fraction]}, like {@link Timestamp#toString} without ".0". */
  static String format(LocalDateTime dateTime) {
    return format(dateTime.toLocalDate()) + ' ' + format(dateTime.toLocalTime());
  }

  private static StringBuilder pad2(StringBuilder text, int value) {
    return text.append(value < 10 ? "0" : "").append(value);
  }

  /** Parses {@code yyyy-MM-dd}, or takes the date of a timestamp literal. */
  static LocalDate parseDate(String text) {
    String trimmed = text.trim();
    return trimmed.length() > 10 ? parseTimestamp(trimmed).toLocalDate() : LocalDate.parse(trimmed);
  }

  /** Parses {@code HH:mm[:ss[.fraction]]}, or takes the time of a timestamp literal. */
  static LocalTime parseTime(String text) {
    String trimmed = text.trim();
    boolean hasDate = trimmed.length() > 10 && trimmed.charAt(4) == '-';
    return hasDate ? parseTimestamp(trimmed).toLocalTime() : LocalTime.parse(trimmed);
  }

  /**
   * Parses {@code yyyy-MM-dd[( |T)HH:mm[:ss[.fraction]]]}; a trailing offset ({@code Z}, {@code
   * +02:00}) is converted to UTC.
   */
  static LocalDateTime parseTimestamp(String text) {
    String trimmed = text.trim();
    if (trimmed.length() <= 10) {
      return LocalDate.parse(trimmed).atStartOfDay();
    }
    String iso = trimmed.charAt(10) == ' '
        ? trimmed.substring(0, 10) + 'T' + trimmed.substring(11) : trimmed;
    try {
      return LocalDateTime.parse(iso);
    } catch (RuntimeException e) {
      try {
        return utc(OffsetDateTime.parse(iso));
      } catch (RuntimeException ignored) {
        throw e;
      }
    }
  }
}
