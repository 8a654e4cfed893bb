package statelab.notebooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import statelab.core.BatchMetrics;
import statelab.core.CountsSinks;
import statelab.core.RunSpec;
import statelab.core.RunningJob;
import statelab.core.Variants;
import statelab.loadgen.LoadGenConfig;
import statelab.loadgen.LoadGenerator;

/**
 * Spark's Streaming tab captured by a real headless browser, as notebook 05 shows it: a DStream job with its UI
 * on 127.0.0.1, the tab's screenshot of the browser window's size, and the same page, fetched with the JDK's HTTP
 * client, is the Streaming tab.
 */
class SparkUiCaptureIT {

    @Test
    void theStreamingTabOfALiveRunIsCapturedAsAPng(@TempDir Path dir) throws Exception {
        LoadGenConfig load = LoadGenConfig.builder().port(0).controlPort(0).rateLinesPerSec(500).wordsPerLine(10)
                .keys(1_000).seed(3).build();
        try (LoadGenerator generator = LoadGenerator.start(load)) {
            List<BatchMetrics> batches = Collections.synchronizedList(new ArrayList<>());
            RunSpec spec = RunSpec.builder("update-state").master("local[3]").port(generator.port()).batchMs(500)
                    .uiEnabled(true).sparkConf("spark.ui.port", "0").listener(batches::add).build();
            RunningJob job = Variants.byName("update-state").start(spec, CountsSinks.MaterialiseOnly.INSTANCE);
            try {
                long deadline = System.currentTimeMillis() + 60_000;
                while (batches.size() < 4 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(100);
                }
                assertThat(batches).as("batches completed").hasSizeGreaterThanOrEqualTo(4);
                assertThat(URI.create(job.uiUrl()).getHost()).isEqualTo("127.0.0.1");

                SparkUi.Capture tab = SparkUi.captureStreamingTab(job.uiUrl(), dir.resolve("streaming.png"));

                assertThat(tab.url()).isEqualTo(job.uiUrl() + "/streaming/");
                assertThat(tab.png()).isRegularFile();
                assertThat(Files.size(tab.png())).as("a page, not a blank window").isGreaterThan(20_000);
                assertThat(tab.width()).isEqualTo(SparkUi.WIDTH);
                assertThat(tab.height()).isEqualTo(SparkUi.HEIGHT);
                assertThat(tab.streamingStatistics()).isTrue();
                assertThat(SparkUi.fetch(tab.url())).contains(SparkUi.STREAMING_TITLE, "Scheduling Delay",
                        "Total Delay");
            } finally {
                job.stop(false);
            }
        }
    }
}
