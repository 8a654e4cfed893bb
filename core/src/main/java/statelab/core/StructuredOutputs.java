package statelab.core;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Tuple2;

/** Hands each micro-batch's (word, count) rows to the {@link CountsSink} registered under an id. */
public final class StructuredOutputs {

    private StructuredOutputs() {
    }

    /**
     * Delivers one micro-batch of rows {@code (word STRING, count BIGINT)}: materialised in full, and as many
     * rows as the sink wants on the driver, sorted by word.
     */
    public static void deliver(Dataset<Row> counts, long batchTimeMs, String sinkId) {
        CountsSink sink = CountsSinks.get(sinkId);
        int wanted = sink.rowsWanted(batchTimeMs);
        if (wanted == CountsSink.NONE) {
            // Spark's no-op sink computes every row and writes nothing, like the DStream drain.
            counts.write().format("noop").mode("overwrite").save();
            sink.accept(batchTimeMs, List.of(), false);
            return;
        }
        Dataset<Row> sorted = counts.orderBy("word");
        List<Row> rows = wanted == CountsSink.ALL ? sorted.collectAsList() : sorted.limit(wanted + 1).collectAsList();
        boolean more = wanted != CountsSink.ALL && rows.size() > wanted;
        List<Tuple2<String, Long>> pairs = new ArrayList<>(rows.size());
        for (Row row : more ? rows.subList(0, wanted) : rows) {
            pairs.add(new Tuple2<>(row.getString(0), row.getLong(1)));
        }
        sink.accept(batchTimeMs, pairs, more);
    }
}
