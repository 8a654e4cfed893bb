package statelab.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The JVM flags Spark needs on Java 17, as the build wrote them (parent pom property {@code spark.jvm.flags},
 * filtered into {@code statelab/jvm-flags.txt}). Code that starts another JVM (a benchmark fork, a cluster
 * worker, the notebook kernel) takes them from here instead of repeating the list.
 */
public final class JvmFlags {

    private static final String RESOURCE = "statelab/jvm-flags.txt";

    private JvmFlags() {
    }

    public static List<String> sparkFlags() {
        try (InputStream in = JvmFlags.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath: build core with Maven");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            if (text.isEmpty() || text.contains("${")) {
                throw new IllegalStateException(RESOURCE + " was not filtered by Maven: build core with Maven");
            }
            return Arrays.asList(text.split("\\s+"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
