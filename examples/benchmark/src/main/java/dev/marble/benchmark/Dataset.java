package dev.marble.benchmark;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The rows every database receives, computed from (seed, id, version) alone so that each database
 * gets exactly the same data without the harness holding N payloads in memory, and so that the
 * expected answers (scan checksum, rows per category, keyword counts) are known before any database
 * runs: a database that answers differently fails the measurement instead of looking fast.
 *
 * <p>Payloads are slices of one pool (random bytes, or lowercase words) at offsets chosen by hash:
 * copying a slice is far cheaper than generating bytes, so the load loops time the database, not
 * the generator. Sizes are uniform in 1024..8192 bytes; binary and text payloads of a row have the
 * same size, so both variants move the same number of bytes.
 */
final class Dataset {
  static final int MIN_PAYLOAD = 1024;
  static final int MAX_PAYLOAD = 8192;
  static final int CATEGORIES = 1000;
  /** Planted in about 1 row in {@value #RARE_EVERY}; no vocabulary word contains it. */
  static final String RARE_WORD = "quetzalcoatl";
  static final int RARE_EVERY = 100;
  /** A vocabulary word, so it occurs in a large share of rows (counted exactly below). */
  static final String COMMON_WORD = "harbour";

  // Lowercase only: SQLite's LIKE ignores ASCII case while the others do not, so mixed case would
  // make the same query count differently.
  private static final String[] VOCABULARY = ("a about above across after again against all almost "
      + "along already also always among an and another any anyone are around as ask at away back "
      + "be because become been before began behind being below best better between big black blue "
      + "body book both boy bring brought build but by call came can car carry case cause change "
      + "child city close cold come common could country course cut dark day did different do does "
      + "door down draw during each early earth east eat end enough even evening ever every eye face "
      + "fact fall family far father feel few field find fire first fish five follow food foot for "
      + "form four free friend from front full game gave general get girl give go gold good great "
      + "green ground group grow had half hand happen harbour hard has have he head hear heart heavy "
      + "help her here high hill him his hold home horse hot hour house how hundred idea if important "
      + "in inside into is island it just keep kind king knew know land language large last later "
      + "lead learn leave left less letter life light like line list little live long look low made "
      + "make man many map mark may me mean measure men might mile mind miss money moon more morning "
      + "most mother mountain move much music must my name near need never new next night no north "
      + "nothing now number of off often old on once one only open or order other our out over own "
      + "page paper part pass people perhaps picture piece place plain plan plant play point poor "
      + "possible power press probably problem product pull put question quick rain ran reach read "
      + "ready real red remember rest right river road rock room round run said same saw say school "
      + "sea second see seem sentence set several shall ship short should show side simple since sing "
      + "size small snow so some something song soon sound south space special spring stand star "
      + "start state stay still stone stood stop story street strong study such summer sun sure "
      + "surface table take talk tell ten than that the their them then there these they thing think "
      + "this those though thought three through time to together told too took top toward town "
      + "travel tree true try turn two under until up upon us use usual very voice walk wall want "
      + "war warm was watch water wave way we weather week well went were west what wheel when where "
      + "which while white who whole why wide wind window winter with without woman wood word work "
      + "world would write year yes yet you young").split(" ");

  private static final int POOL_BYTES = 16 << 20;

  final long rows;
  final long seed;
  private final byte[] bytePool;
  private final String textPool;

  Dataset(long rows, long seed) {
    for (String w : VOCABULARY) {
      if (w.contains(RARE_WORD)) {
        throw new IllegalStateException("vocabulary word contains the rare word: " + w);
      }
    }
    this.rows = rows;
    this.seed = seed;
    SplittableRandom random = new SplittableRandom(seed);
    bytePool = new byte[POOL_BYTES];
    random.nextBytes(bytePool);
    StringBuilder text = new StringBuilder(POOL_BYTES / 4 + 16);
    while (text.length() < POOL_BYTES / 4) {
      text.append(VOCABULARY[random.nextInt(VOCABULARY.length)]).append(' ');
    }
    textPool = text.toString();
  }

  /** About 1000 distinct values, spread by hash so that a category is not a range of ids. */
  int category(long id) {
    return (int) Long.remainderUnsigned(mix(id, 1_000_003), CATEGORIES);
  }

  String title(long id, int version) {
    return (version == 0 ? "title of row " : "title " + version + " of row ") + id;
  }

  int payloadSize(long id, int version) {
    return MIN_PAYLOAD + (int) Long.remainderUnsigned(mix(id, version), MAX_PAYLOAD - MIN_PAYLOAD + 1);
  }

  byte[] binaryPayload(long id, int version) {
    int size = payloadSize(id, version);
    int offset = (int) Long.remainderUnsigned(mix(id, version + 77) >>> 1, bytePool.length - size);
    return Arrays.copyOfRange(bytePool, offset, offset + size);
  }

  String textPayload(long id, int version) {
    int size = payloadSize(id, version);
    long h = mix(id, version + 99);
    int offset = (int) Long.remainderUnsigned(h >>> 1, textPool.length() - size);
    String s = textPool.substring(offset, offset + size);
    if (Long.remainderUnsigned(h >>> 40, RARE_EVERY) == 0) {
      // Overwrite a stretch in the middle, keeping the size, with the word between spaces.
      String planted = " " + RARE_WORD + " ";
      int at = (int) Long.remainderUnsigned(h >>> 8, size - planted.length());
      s = s.substring(0, at) + planted + s.substring(at + planted.length());
    }
    return s;
  }

  /** SplitMix64's finalizer over (seed, id, salt): a cheap, well-spread, repeatable hash. */
  private long mix(long id, long salt) {
    long z = seed * 0x9E3779B97F4A7C15L + id * 0xBF58476D1CE4E5B9L + salt * 0x94D049BB133111EBL;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** What a correct database answers about version 0 of all rows; computed once, shared by all. */
  record Expected(long payloadBytes, long byteSum, long[] perCategory, long rareRows, long commonRows) {}

  /** Walks every row once (seconds at a million rows); text counts only when asked for. */
  Expected expected(boolean withText) {
    long bytes = 0;
    long sum = 0;
    long rare = 0;
    long common = 0;
    long[] perCategory = new long[CATEGORIES];
    for (long id = 1; id <= rows; id++) {
      byte[] b = binaryPayload(id, 0);
      bytes += b.length;
      sum += byteSum(b);
      perCategory[category(id)]++;
      if (withText) {
        String t = textPayload(id, 0);
        rare += t.contains(RARE_WORD) ? 1 : 0;
        common += t.contains(COMMON_WORD) ? 1 : 0;
      }
    }
    return new Expected(bytes, sum, perCategory, withText ? rare : -1, withText ? common : -1);
  }

  /** Reads every byte: what "touch the payload" means for binary payloads, here and in the reads. */
  static long byteSum(byte[] b) {
    long s = 0;
    for (byte x : b) {
      s += x;
    }
    return s;
  }

  /** Ids 1..rows in a random order fixed by the seed; the deletes take a prefix of it. */
  long[] shuffledIds(long salt) {
    if (rows > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("too many rows to shuffle: " + rows);
    }
    long[] ids = new long[(int) rows];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = i + 1;
    }
    SplittableRandom random = new SplittableRandom(seed + salt);
    for (int i = ids.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      long t = ids[i];
      ids[i] = ids[j];
      ids[j] = t;
    }
    return ids;
  }
}
