import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.ToolProvider;
import net.openhft.chronicle.hash.VanillaGlobalMutableState;
import net.openhft.chronicle.values.ValueModel;

/**
 * Build step of marble-engine (engine/pom.xml runs it at process-classes): writes the class Chronicle
 * Map would otherwise compile with javac in every JVM, on the first map it creates. That compile scans
 * the whole class path and takes seconds; chronicle-values' ValueModel.createClass skips it when the
 * value type's class loader already finds {@code <package>.<Name>$$Native}, so the class compiled
 * here, shipped in marble-engine's jar, is found instead.
 *
 * <p>The source comes from chronicle-values' own generator, taken from the class path this step runs
 * on, which is the engine's: each build regenerates it, so a Chronicle upgrade cannot ship a stale
 * class. That generator is package-private; reflection reaches it because all of this is on the class
 * path (the unnamed module).
 *
 * <p>Run as a single-file program: {@code java <marble.jvm.flags> -cp <engine compile class path>
 * PregenerateChronicleClasses.java <source dir> <classes dir> <release>}.
 */
public final class PregenerateChronicleClasses {
  private PregenerateChronicleClasses() {}

  public static void main(String[] args) throws Exception {
    Path sourceDir = Path.of(args[0]);
    String classesDir = args[1];
    String release = args[2];
    // Every Chronicle map, persisted or in memory, needs this one (ChronicleMapBuilder.createWithFile,
    // VanillaChronicleHash); Marble uses no replicated maps, the only others Chronicle Map generates.
    Class<?> type = VanillaGlobalMutableState.class;
    String name = type.getSimpleName() + ValueModel.$$NATIVE;
    Method generate = Class.forName("net.openhft.chronicle.values.Generators")
        .getDeclaredMethod("generateNativeClass", ValueModel.class, String.class);
    generate.setAccessible(true);
    Path generator = Path.of(ValueModel.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    String source = "// Generated at build time by engine/src/build/java/PregenerateChronicleClasses.java from "
        + generator.getFileName() + "; do not edit.\n" + generate.invoke(null, ValueModel.acquire(type), name);
    Path file = sourceDir.resolve(type.getPackageName().replace('.', '/')).resolve(name + ".java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, source);
    // -nowarn: this is Chronicle's code (raw types); the engine's own lint stays in the compiler plugin.
    int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", release, "-nowarn",
        "-classpath", System.getProperty("java.class.path"), "-d", classesDir, file.toString());
    if (status != 0) {
      throw new IllegalStateException("javac failed (" + status + ") on " + file);
    }
    System.out.println("Pre-generated " + type.getPackageName() + "." + name + " into " + classesDir);
  }
}
