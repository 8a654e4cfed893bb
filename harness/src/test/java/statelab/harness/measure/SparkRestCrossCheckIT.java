package statelab.harness.measure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkContext;
import org.junit.jupiter.api.Test;
import statelab.core.BatchMetrics;
import statelab.core.CountsSinks;
import statelab.core.DStreamJob;
import statelab.core.RunSpec;
import statelab.core.Variants;
import statelab.loadgen.LoadGenConfig;
import statelab.loadgen.LoadGenerator;

/**
 * The lab's per-batch delays are Spark's own: a DStream run with the web UI on 127.0.0.1, compared batch by
 * batch with Spark's REST API ({@code /api/v1/applications/{id}/streaming/batches}).
 */
class SparkRestCrossCheckIT {

    private static boolean sleep(long ms) throws InterruptedException {
        Thread.sleep(ms);
        return true;
    }

    @Test
    void recordedDelaysAgreeWithSparksRestApiBatchByBatch() throws Exception {
        LoadGenConfig load = LoadGenConfig.builder().port(0).rateLinesPerSec(2_000).wordsPerLine(10).keys(2_000)
                .seed(5).build();
        try (LoadGenerator generator = LoadGenerator.start(load)) {
            BatchRecorder recorder = new BatchRecorder(10, () -> 0);
            RunSpec spec = RunSpec.builder("update-state").master("local[2]").port(generator.port()).batchMs(500)
                    .uiEnabled(true).sparkConf("spark.ui.port", "0").listener(recorder).build();
            DStreamJob job = (DStreamJob) Variants.byName("update-state").start(spec,
                    CountsSinks.MaterialiseOnly.INSTANCE);
            try {
                long deadline = System.currentTimeMillis() + 60_000;
                while (recorder.size() < 8 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(100);
                }
                assertThat(recorder.size()).as("batches completed").isGreaterThanOrEqualTo(8);

                SparkContext sc = job.context().sparkContext().sc();
                String ui = sc.uiWebUrl().get();
                assertThat(URI.create(ui).getHost()).isEqualTo("127.0.0.1");
                URI batchesUri = URI.create(ui + "/api/v1/applications/" + sc.applicationId() + "/streaming/batches");
                List<BatchMetrics> recorded = recorder.batches();
                // Spark's UI hears of a completed batch on its own listener thread, a moment after ours.
                Map<Long, JsonNode> byBatchTime = new HashMap<>();
                long restDeadline = System.currentTimeMillis() + 20_000;
                do {
                    byBatchTime.clear();
                    JsonNode batches = new ObjectMapper().readTree(HttpClient.newHttpClient().send(
                            HttpRequest.newBuilder(batchesUri).timeout(Duration.ofSeconds(10)).build(),
                            HttpResponse.BodyHandlers.ofString()).body());
                    batches.forEach(b -> byBatchTime.put(b.get("batchId").asLong(), b));
                } while (!recorded.stream().allMatch(b -> byBatchTime.containsKey(b.batchTimeMs())
                        && byBatchTime.get(b.batchTimeMs()).get("status").asText().equals("COMPLETED"))
                        && System.currentTimeMillis() < restDeadline && sleep(200));
                for (BatchMetrics mine : recorded) {
                    JsonNode spark = byBatchTime.get(mine.batchTimeMs());
                    assertThat(spark).as("batch %d in Spark's REST API", mine.batchTimeMs()).isNotNull();
                    assertThat(spark.get("status").asText()).isEqualTo("COMPLETED");
                    assertThat(mine.schedulingDelayMs()).isEqualTo(spark.get("schedulingDelay").asLong());
                    assertThat(mine.processingMs()).isEqualTo(spark.get("processingTime").asLong());
                    assertThat(mine.totalDelayMs()).isEqualTo(spark.get("totalDelay").asLong());
                    assertThat(mine.inputLines()).isEqualTo(spark.get("inputSize").asLong());
                }
                assertThat(recorded.stream().mapToLong(BatchMetrics::inputLines).sum()).isPositive();
            } finally {
                job.stop(false);
            }
        }
    }
}
