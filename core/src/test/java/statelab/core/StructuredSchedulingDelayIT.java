package statelab.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.MemoryStream;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.Test;
import scala.Option;
import scala.collection.JavaConverters;
import statelab.core.testing.SparkForTests;

/**
 * Structured Streaming's scheduling delay on a query whose micro-batches are made late on purpose: each takes at
 * least 700 ms at a 300 ms trigger, so every micro-batch after the first starts at least 400 ms after the trigger
 * it was due at, on any machine (a slower one only adds to it).
 */
class StructuredSchedulingDelayIT {

    @Test
    void microBatchesLongerThanTheTriggerShowAsLate() throws Exception {
        SparkSession spark = SparkForTests.session("structured-late");
        try {
            MemoryStream<String> input = new MemoryStream<>(1, spark.sqlContext(), Option.apply(1), Encoders.STRING());
            List<BatchMetrics> batches = new ArrayList<>();
            RunSpec spec = RunSpec.builder("late").batchMs(300).listener(b -> {
                synchronized (batches) {
                    batches.add(b);
                }
            }).build();
            StructuredMetricsListener listener = new StructuredMetricsListener("late_batches", spec);
            spark.streams().addListener(listener);
            StreamingQuery query = input.toDS().writeStream().queryName("late_batches")
                    .trigger(Trigger.ProcessingTime(300))
                    .foreachBatch((VoidFunction2<Dataset<String>, Long>) (batch, id) -> {
                        batch.count();
                        Thread.sleep(700);
                    }).start();
            try {
                long deadline = System.currentTimeMillis() + 120_000;
                while (size(batches) < 6 && System.currentTimeMillis() < deadline) {
                    input.addData(JavaConverters.asScalaBuffer(List.of("blue green")).toSeq());
                    Thread.sleep(100);
                }
            } finally {
                query.stop();
                spark.streams().removeListener(listener);
            }
            List<BatchMetrics> recorded;
            synchronized (batches) {
                recorded = List.copyOf(batches);
            }
            assertThat(recorded).hasSizeGreaterThanOrEqualTo(6);
            assertThat(recorded.get(0).schedulingDelayMs()).isZero();
            for (BatchMetrics b : recorded.subList(1, recorded.size())) {
                assertThat(b.processingMs()).isGreaterThanOrEqualTo(700);
                assertThat(b.schedulingDelayMs()).as("batch at %d", b.batchTimeMs()).isGreaterThanOrEqualTo(400);
                assertThat(b.totalDelayMs()).isEqualTo(b.schedulingDelayMs() + b.processingMs());
            }
        } finally {
            spark.stop();
        }
    }

    private static int size(List<BatchMetrics> batches) {
        synchronized (batches) {
            return batches.size();
        }
    }
}
