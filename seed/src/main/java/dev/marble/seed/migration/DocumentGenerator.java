package dev.marble.seed.migration;

import java.time.LocalDateTime;
import java.util.Random;

/**
 * Deterministic documents of 1-8 KB: the same seed gives the same documents on every JVM
 * ({@link Random}'s algorithm is fixed by its specification). Bodies are sentences of common words
 * with two or three topic words woven in, so a search such as {@code body LIKE '%granite%'} finds a
 * few percent of the documents rather than all of them.
 */
final class DocumentGenerator {
  static final int MIN_LENGTH = 1024;
  static final int MAX_LENGTH = 8192;
  /** Room for the last sentence: 17 words of at most 12 letters and a space each, a full stop, a break. */
  private static final int SENTENCE_SLACK = 17 * 14 + 3;
  /** Customers of the shop rows (V2): documents belong to one of them. */
  static final int CUSTOMERS = 24;

  /** Nouns of the common words: the middle of a title. */
  private static final String[] NOUNS = (
      "time way work house hand part year order number shape surface line color light water stone "
      + "world place point quarry block cut polish layer grain vein slab pattern mountain river hill "
      + "road wall floor column stair table bridge village city market morning evening winter summer")
      .split(" ");

  private static final String[] COMMON = (String.join(" ", NOUNS) + " "
      + "the a of and to in is that for it as with was on be by this are from at or an which have not "
      + "one all were their there been has more when will would who some into them these other than "
      + "then its only two could very after first also made many new such where most over before "
      + "well through years still good should because each people long same under large small "
      + "between never found great around might while rough smooth heavy cold white")
      .split(" ");

  /** Words that mark what a document is about; each document draws a few. */
  private static final String[] TOPICS = (
      "marble granite basalt limestone sandstone slate quartz obsidian travertine onyx gneiss "
      + "schist chalk flint jade alabaster porphyry serpentine dolomite pumice sculpture chisel "
      + "mosaic fresco cathedral aqueduct amphitheatre lighthouse monastery fortress harbour "
      + "glacier volcano canyon meadow orchard vineyard lantern compass telescope manuscript "
      + "archive ledger invoice shipment warehouse carpenter mason geologist surveyor cartographer "
      + "apprentice merchant")
      .split(" ");

  private static final LocalDateTime EPOCH = LocalDateTime.of(2024, 1, 1, 0, 0);
  private static final int MINUTES_IN_TWO_YEARS = 2 * 365 * 24 * 60;

  /** One generated row of the documents table. */
  record Document(int customerId, String title, String body, LocalDateTime createdAt, int words) {}

  private final Random random;

  DocumentGenerator(long seed) {
    this.random = new Random(seed);
  }

  Document next() {
    String[] topics = new String[2 + random.nextInt(2)];
    for (int i = 0; i < topics.length; i++) {
      topics[i] = TOPICS[random.nextInt(TOPICS.length)];
    }
    // Sentences are added until the target is reached; the last one adds at most SENTENCE_SLACK.
    int target = MIN_LENGTH + random.nextInt(MAX_LENGTH - SENTENCE_SLACK - MIN_LENGTH + 1);
    StringBuilder body = new StringBuilder(target + SENTENCE_SLACK);
    int words = 0;
    while (body.length() < target) {
      if (body.length() > 0) {
        body.append(random.nextInt(8) == 0 ? "\n\n" : " ");
      }
      int sentenceWords = 6 + random.nextInt(12);
      for (int w = 0; w < sentenceWords; w++) {
        String word = random.nextInt(12) == 0 ? topics[random.nextInt(topics.length)]
            : COMMON[random.nextInt(COMMON.length)];
        if (w == 0) {
          body.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
        } else {
          body.append(' ').append(word);
        }
      }
      body.append('.');
      words += sentenceWords;
    }
    String title = Character.toUpperCase(topics[0].charAt(0)) + topics[0].substring(1)
        + " and the " + NOUNS[random.nextInt(NOUNS.length)] + " of " + topics[topics.length - 1];
    LocalDateTime createdAt = EPOCH.plusMinutes(random.nextInt(MINUTES_IN_TWO_YEARS));
    return new Document(1 + random.nextInt(CUSTOMERS), title, body.toString(), createdAt, words);
  }
}
