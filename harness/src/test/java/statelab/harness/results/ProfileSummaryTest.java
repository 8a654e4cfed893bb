package statelab.harness.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A profile's samples counted by the running method and its package; native code in task threads apart. */
class ProfileSummaryTest {

    @TempDir
    Path dir;

    private static List<ProfileSummary.Sample> samples(int n, String thread, String type, String method,
                                                       boolean nativeCode) {
        List<ProfileSummary.Sample> samples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            samples.add(new ProfileSummary.Sample(thread, type, method, nativeCode));
        }
        return samples;
    }

    private static ProfileSummary example() {
        String task = "Executor task launch worker for task 3.0";
        List<ProfileSummary.Sample> all = new ArrayList<>();
        all.addAll(samples(50, task, "org.rocksdb.RocksDB", "write0", false));
        all.addAll(samples(20, task, "org.rocksdb.RocksDB", "get", false));
        all.addAll(samples(25, task, "scala.collection.mutable.HashMap", "put", false));
        all.addAll(samples(5, null, "Top", "level", false));
        all.addAll(samples(30, task, "org.rocksdb.RocksDB", "write0", true));
        all.addAll(samples(10, task, "java.net.SocketInputStream", "socketRead0", true));
        all.addAll(samples(300, "rpc-server-4-1", "sun.nio.ch.EPoll", "wait", true));
        all.addAll(samples(400, "loadgen-client-1", "statelab.loadgen.ClientSession", "send", false));
        return ProfileSummary.of(all);
    }

    @Test
    void cpuSamplesAreCountedByMethodAndPackageWithoutTheLoadGenerator() {
        ProfileSummary profile = example();
        assertThat(profile.samples()).isEqualTo(100);
        assertThat(profile.methods()).containsExactly(
                new ProfileSummary.Entry("RocksDB.write0", 50, 0.50),
                new ProfileSummary.Entry("HashMap.put", 25, 0.25),
                new ProfileSummary.Entry("RocksDB.get", 20, 0.20),
                new ProfileSummary.Entry("Top.level", 5, 0.05));
        assertThat(profile.packages()).containsExactly(
                new ProfileSummary.Entry("org.rocksdb", 70, 0.70),
                new ProfileSummary.Entry("scala.collection.mutable", 25, 0.25),
                new ProfileSummary.Entry("(default package)", 5, 0.05));
    }

    @Test
    void nativeSamplesCountOnlyForSparksTaskThreadsAndApart() {
        ProfileSummary profile = example();
        assertThat(profile.nativeSamples()).isEqualTo(40);
        assertThat(profile.nativeMethods()).containsExactly(
                new ProfileSummary.Entry("RocksDB.write0", 30, 0.75),
                new ProfileSummary.Entry("SocketInputStream.socketRead0", 10, 0.25));
    }

    @Test
    void onlyTheTopMethodsAreKeptAndTheCsvReadsBackAsWritten() throws Exception {
        List<ProfileSummary.Sample> many = new ArrayList<>();
        for (int m = 0; m < ProfileSummary.TOP_METHODS + 5; m++) {
            many.addAll(samples(m + 1, "t", "a.b.C", "m" + m, false));
        }
        ProfileSummary top = ProfileSummary.of(many);
        assertThat(top.methods()).hasSize(ProfileSummary.TOP_METHODS);
        assertThat(top.methods().get(0).name()).isEqualTo("C.m" + (ProfileSummary.TOP_METHODS + 4));

        ProfileSummary profile = example();
        profile.write(dir.resolve(ProfileSummary.FILE));
        ProfileSummary read = ProfileSummary.readCsv(dir);
        assertThat(read.samples()).isEqualTo(100);
        assertThat(read.methods()).extracting(ProfileSummary.Entry::name)
                .containsExactly("RocksDB.write0", "HashMap.put", "RocksDB.get", "Top.level");
        assertThat(read.packages()).extracting(ProfileSummary.Entry::samples).containsExactly(70L, 25L, 5L);
        assertThat(read.methods().get(0).share()).isEqualTo(0.5);
        assertThat(read.nativeSamples()).isEqualTo(40);
        assertThat(read.nativeMethods()).isEqualTo(profile.nativeMethods());
        assertThat(ProfileSummary.readCsv(dir.resolve("none"))).isNull();
    }
}
