package dev.marble.seed.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DocumentGeneratorTest {
  @Test
  void theSameSeedGivesTheSameDocuments() {
    DocumentGenerator a = new DocumentGenerator(V3__Documents.SEED);
    DocumentGenerator b = new DocumentGenerator(V3__Documents.SEED);
    for (int i = 0; i < 200; i++) {
      assertEquals(a.next(), b.next());
    }
    assertNotEquals(new DocumentGenerator(1).next(), new DocumentGenerator(2).next());
  }

  @Test
  void documentsAreWithinTheSizeRangeAndCountTheirWords() {
    DocumentGenerator generator = new DocumentGenerator(V3__Documents.SEED);
    for (int i = 0; i < 2_000; i++) {
      DocumentGenerator.Document d = generator.next();
      assertTrue(d.body().length() >= DocumentGenerator.MIN_LENGTH && d.body().length() <= DocumentGenerator.MAX_LENGTH,
          "length " + d.body().length());
      assertEquals(d.body().split("\\s+").length, d.words());
      assertTrue(d.customerId() >= 1 && d.customerId() <= DocumentGenerator.CUSTOMERS);
    }
  }
}
