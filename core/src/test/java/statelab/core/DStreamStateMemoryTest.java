package statelab.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.storage.RDDInfo;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;
import scala.Option;
import scala.collection.JavaConverters;

class DStreamStateMemoryTest {

    private static final String UPDATE_SITE = "updateStateByKey at UpdateStateWordCount.java:51";
    private static final String MAP_SITE = "mapWithState at MapWithStateWordCount.java:70";

    /** An RDD as Spark reports it, with 2 partitions of which {@code cached} are in memory. */
    private static RDDInfo rdd(int id, String name, String callSite, int cached, long memSize) {
        RDDInfo info = new RDDInfo(id, name, 2, StorageLevel.MEMORY_ONLY(), false,
                JavaConverters.asScalaBuffer(List.<Object>of()).toSeq(), callSite, Option.empty(),
                RDDInfo.$lessinit$greater$default$9());
        info.numCachedPartitions_$eq(cached);
        info.memSize_$eq(memSize);
        return info;
    }

    private static long bytes(RDDInfo... infos) {
        return DStreamStateMemory.newestGenerationBytes(infos);
    }

    @Test
    void countsTheNewestGenerationOfTheState() {
        assertThat(bytes(rdd(12, "MapPartitionsRDD", UPDATE_SITE, 2, 150),
                rdd(5, "MapPartitionsRDD", UPDATE_SITE, 2, 100),
                rdd(19, "MapPartitionsRDD", UPDATE_SITE, 2, 200))).isEqualTo(200);
        assertThat(bytes(rdd(10, "MapWithStateRDD", MAP_SITE, 2, 300),
                rdd(17, "MapWithStateRDD", MAP_SITE, 2, 350))).isEqualTo(350);
    }

    @Test
    void aGenerationNotFullyCachedYetLeavesItToTheOneBefore() {
        assertThat(bytes(rdd(17, "MapWithStateRDD", MAP_SITE, 2, 350),
                rdd(24, "MapWithStateRDD", MAP_SITE, 1, 180))).isEqualTo(350);
        // none complete (evicted): the newest, with what it holds
        assertThat(bytes(rdd(17, "MapWithStateRDD", MAP_SITE, 1, 170),
                rdd(24, "MapWithStateRDD", MAP_SITE, 1, 180))).isEqualTo(180);
    }

    @Test
    void addsTheStateStreamsOfAJob() {
        assertThat(bytes(rdd(10, "MapWithStateRDD", MAP_SITE, 2, 300),
                rdd(11, "MapPartitionsRDD", UPDATE_SITE, 2, 100),
                rdd(3, "MapWithStateRDD", MAP_SITE, 2, 250))).isEqualTo(400);
    }

    @Test
    void ignoresWhatIsNotCachedState() {
        RDDInfo batchCounts = rdd(30, "ShuffledRDD", "reduceByKey at WordPairs.java:19", 2, 500);
        RDDInfo mappedOutput = rdd(31, "MapPartitionsRDD", MAP_SITE, 2, 400); // cached by its user
        RDDInfo evicted = rdd(32, "MapPartitionsRDD", UPDATE_SITE, 0, 0);

        assertThat(bytes(batchCounts, mappedOutput, evicted)).isEqualTo(-1);
        assertThat(bytes()).isEqualTo(-1);
        assertThat(bytes(batchCounts, mappedOutput, evicted, rdd(29, "MapWithStateRDD", MAP_SITE, 2, 300)))
                .isEqualTo(300);
    }
}
