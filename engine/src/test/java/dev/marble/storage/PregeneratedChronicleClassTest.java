package dev.marble.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
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
    // at run time has no code source location; the pre-generated one comes from the engine's classes.
    Class<?> flyweight = Values.nativeClassFor(VanillaGlobalMutableState.class);
    CodeSource source = flyweight.getProtectionDomain().getCodeSource();
    URL location = source == null ? null : source.getLocation();
    assertEquals(Shard.class.getProtectionDomain().getCodeSource().getLocation(), location, flyweight.getName()
        + " did not come from the engine (null: javac compiled it at run time). Either the build's "
        + "pregenerate-chronicle-classes step (engine/pom.xml, process-classes) did not run, or Chronicle now "
        + "looks for another class");
  }
}
