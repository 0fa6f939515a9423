package dev.marble.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.security.CodeSource;
import net.openhft.chronicle.hash.VanillaGlobalMutableState;
import net.openhft.chronicle.values.Values;
import org.junit.jupiter.api.Test;

/**
 * Chronicle Map finds the flyweight class the engine build pre-generates (engine/pom.xml,
 * src/build/java) instead of compiling it with javac, which costs seconds on the first map of each JVM.
 */
class PregeneratedChronicleClassTest {
  @Test
  void chronicleLoadsTheClassShippedWithTheEngine() {
    // The lookup every map creation makes (ChronicleMapBuilder.createWithFile). A class javac compiles
    // at run time is defined without a code source; the pre-generated one comes from the engine's classes.
    Class<?> flyweight = Values.nativeClassFor(VanillaGlobalMutableState.class);
    CodeSource source = flyweight.getProtectionDomain().getCodeSource();
    assertNotNull(source, flyweight.getName() + " was compiled at run time: the engine build's "
        + "pregenerate-chronicle-classes step (process-classes) did not produce it, or Chronicle now looks for "
        + "another name");
    assertEquals(Shard.class.getProtectionDomain().getCodeSource().getLocation(), source.getLocation(),
        flyweight.getName() + " was loaded from outside the engine");
  }
}
