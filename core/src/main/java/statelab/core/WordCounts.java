package statelab.core;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import scala.Tuple2;

/** Small helpers for (word, count) pairs: ordering, printing the way DStream.print() does, the counts file. */
public final class WordCounts {

    private WordCounts() {
    }

    /** Orders (word, count) pairs by word; serializable because Spark ships it to {@code takeOrdered}. */
    public static final class ByWord implements Comparator<Tuple2<String, Long>>, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public int compare(Tuple2<String, Long> a, Tuple2<String, Long> b) {
            return a._1().compareTo(b._1());
        }
    }

    /** The header line DStream.print() writes before each batch. */
    public static String batchHeader(long batchTimeMs) {
        return "-------------------------------------------\n"
                + "Time: " + batchTimeMs + " ms\n"
                + "-------------------------------------------";
    }

    /** One batch as DStream.print() shows it: header, then a {@code (word,count)} line per row, "..." if cut. */
    public static String formatBatch(long batchTimeMs, List<Tuple2<String, Long>> rows, boolean more) {
        StringBuilder out = new StringBuilder(batchHeader(batchTimeMs)).append('\n');
        for (Tuple2<String, Long> row : rows) {
            out.append('(').append(row._1()).append(',').append(row._2()).append(")\n");
        }
        if (more) {
            out.append("...\n");
        }
        return out.toString();
    }

    public static Map<String, Long> toMap(List<Tuple2<String, Long>> rows) {
        Map<String, Long> map = new TreeMap<>();
        for (Tuple2<String, Long> row : rows) {
            map.put(row._1(), row._2());
        }
        return map;
    }

    /** Writes {@code word<TAB>count} lines sorted by word, through a temporary file so a reader never sees half. */
    public static void writeCountsFile(Path file, Map<String, Long> counts) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
        StringBuilder text = new StringBuilder();
        new TreeMap<>(counts).forEach((word, count) -> text.append(word).append('\t').append(count).append('\n'));
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads a file written by {@link #writeCountsFile}. */
    public static Map<String, Long> readCountsFile(Path file) throws IOException {
        Map<String, Long> counts = new TreeMap<>();
        int lineNumber = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNumber++;
            if (line.isEmpty()) {
                continue;
            }
            int tab = line.lastIndexOf('\t');
            if (tab <= 0) {
                throw new IOException(file + ":" + lineNumber + ": expected word<TAB>count");
            }
            try {
                counts.put(line.substring(0, tab), Long.parseLong(line.substring(tab + 1)));
            } catch (NumberFormatException e) {
                throw new IOException(file + ":" + lineNumber + ": count is not a number");
            }
        }
        return counts;
    }
}
