package statelab.core;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Guards checkpoint directories. A directory the lab checkpoints into carries a marker file naming the variant
 * and the settings that shape its state; a later run on the same directory resumes only if they match.
 * A directory that is not empty and has no marker belongs to something else and is never touched.
 */
public final class CheckpointDirs {

    public static final String MARKER = "statelab-checkpoint.properties";

    /** What to do with a prepared directory. */
    public enum Start { FRESH, RESUME }

    private CheckpointDirs() {
    }

    /**
     * Makes {@code dir} ready for {@code variant} with {@code settings}.
     *
     * @param fresh start over: empty a directory the lab wrote earlier (never a foreign one)
     */
    public static Start prepare(Path dir, String variant, Map<String, String> settings, boolean fresh) {
        Map<String, String> wanted = new TreeMap<>(settings);
        wanted.put("variant", variant);
        try {
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new LabException("checkpoint path " + dir + " is a file, not a directory");
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new LabException("checkpoint directory " + dir + " cannot be created: " + e.getMessage(), e);
        }
        if (!Files.isWritable(dir)) {
            throw new LabException("checkpoint directory " + dir + " is not writable");
        }
        Path marker = dir.resolve(MARKER);
        boolean empty = isEmpty(dir);
        if (!empty && !Files.exists(marker)) {
            throw new LabException("checkpoint directory " + dir
                    + " is not empty and was not written by statelab; choose another directory (nothing was deleted)");
        }
        if (!empty) {
            Map<String, String> found = readMarker(marker);
            if (fresh) {
                deleteContents(dir);
            } else if (!found.equals(wanted)) {
                throw new LabException("checkpoint directory " + dir + " holds state of a different run: "
                        + describeDifference(found, wanted)
                        + "; use another directory, or --fresh to start over (nothing was deleted)");
            } else {
                return Start.RESUME;
            }
        }
        writeMarker(marker, wanted);
        return Start.FRESH;
    }

    static String describeDifference(Map<String, String> found, Map<String, String> wanted) {
        StringBuilder text = new StringBuilder();
        TreeMap<String, String> keys = new TreeMap<>(found);
        wanted.forEach(keys::putIfAbsent);
        for (String key : keys.keySet()) {
            String was = found.get(key);
            String now = wanted.get(key);
            if (was == null ? now != null : !was.equals(now)) {
                if (text.length() > 0) {
                    text.append(", ");
                }
                text.append(key).append(" was ").append(was == null ? "(none)" : was).append(", now ")
                        .append(now == null ? "(none)" : now);
            }
        }
        return text.toString();
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new LabException("checkpoint directory " + dir + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static Map<String, String> readMarker(Path marker) {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(marker, StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (IOException e) {
            throw new LabException("checkpoint marker " + marker + " cannot be read: " + e.getMessage(), e);
        }
        Map<String, String> map = new TreeMap<>();
        props.stringPropertyNames().forEach(name -> map.put(name, props.getProperty(name)));
        return map;
    }

    private static void writeMarker(Path marker, Map<String, String> settings) {
        Properties props = new Properties();
        props.putAll(settings);
        try (Writer out = Files.newBufferedWriter(marker, StandardCharsets.UTF_8)) {
            props.store(out, "written by statelab: the run whose state this directory holds");
        } catch (IOException e) {
            throw new LabException("checkpoint directory " + marker.getParent() + " is not writable: "
                    + e.getMessage(), e);
        }
    }

    /** Deletes everything below {@code dir}, keeping {@code dir} itself. */
    public static void deleteContents(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(dir)).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new LabException("cannot empty " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Deletes {@code dir} and everything below it, if it exists. */
    public static void deleteRecursively(Path dir) {
        if (Files.exists(dir)) {
            deleteContents(dir);
            try {
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                throw new LabException("cannot delete " + dir + ": " + e.getMessage(), e);
            }
        }
    }
}
