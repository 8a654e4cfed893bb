package statelab.loadgen;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.DiscreteSampler;
import org.apache.commons.rng.sampling.distribution.RejectionInversionZipfSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * The content of the stream, without sockets or clocks: line {@code index} is a pure function of the config
 * and the index, so any range of lines can be produced again (replays, tests, benchmarks).
 *
 * <p>Random workload, line by line:
 * <ul>
 *   <li>with {@code fill}, the first {@link #fillLineCount()} lines hold keys 0..K-1 in order, W per line
 *       (the last may be shorter);</li>
 *   <li>every later line holds W keys drawn from the active keys 0..n-1, where for the r-th random line
 *       (r counts from 0, fill lines not counted) n = K + floor(G * r / startRate);</li>
 *   <li>a {@link KeySteps key step} at line L growing the keys from K to K' sends keys K..K'-1 in order first
 *       (W per line, like the fill), then its random lines draw from K' keys (n = K' + floor(G * r / startRate)).</li>
 *   <li>key k is written as the word {@code "w" + Long.toString(k, 36)}.</li>
 * </ul>
 * The random draws come from a fresh generator per block of {@value #BLOCK_LINES} random lines, seeded from
 * (seed, block). Reading lines in order just continues the block's generator; jumping reseeds the block and
 * skips forward inside it.
 *
 * <p>Not thread-safe: one instance per writer.
 */
public final class LineGenerator {

    static final int BLOCK_LINES = 1024;

    private static final byte[] DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.US_ASCII);
    /** Bytes of the longest key word plus its separator: 'w', 6 base-36 digits for any int, ' ' or '\n'. */
    private static final int MAX_WORD_BYTES = 8;

    private final int wordsPerLine;
    private final KeySteps keySteps;
    private final double keyGrowthPerSec;
    private final double startRateLinesPerSec;
    private final long seed;
    private final double zipfExponent; // 0 for uniform

    private final byte[][] scriptLineBytes; // null for the random workload
    private final int[] scriptLineWords;

    private final int maxLineBytes;

    // Where the block's generator stands: it would produce random line 'rngNextLine' next.
    private long rngBlock = -1;
    private long rngNextLine = -1;
    private UniformRandomProvider rng;
    private DiscreteSampler zipfSampler;
    private int zipfSamplerKeys = -1;

    private final int[] lineKeys;

    public LineGenerator(LoadGenConfig config) {
        this(config, KeySteps.of(config));
    }

    /** A generator of the content with {@code keySteps} (shared by every writer of one load generator). */
    LineGenerator(LoadGenConfig config, KeySteps keySteps) {
        this.wordsPerLine = config.wordsPerLine();
        this.keySteps = keySteps;
        this.keyGrowthPerSec = config.keyGrowthPerSec();
        this.startRateLinesPerSec = config.rateLinesPerSec();
        this.seed = config.seed();
        this.zipfExponent = config.distribution() instanceof Distribution.Zipf zipf ? zipf.exponent() : 0;
        if (config.script() != null) {
            List<Script.Line> lines = config.script().lines();
            scriptLineBytes = new byte[lines.size()][];
            scriptLineWords = new int[lines.size()];
            int longest = 0;
            for (int i = 0; i < lines.size(); i++) {
                scriptLineBytes[i] = lines.get(i).text().getBytes(StandardCharsets.UTF_8);
                scriptLineWords[i] = lines.get(i).words().size();
                longest = Math.max(longest, scriptLineBytes[i].length);
            }
            maxLineBytes = longest + 1;
            lineKeys = new int[0];
        } else {
            scriptLineBytes = null;
            scriptLineWords = null;
            maxLineBytes = wordsPerLine * MAX_WORD_BYTES;
            lineKeys = new int[wordsPerLine];
        }
    }

    /** The word for key k: "w" followed by k in base 36 (w0 .. wz, w10, ...). */
    public static String keyWord(long key) {
        return "w" + Long.toString(key, 36);
    }

    public int wordsPerLine() {
        return wordsPerLine;
    }

    public boolean scripted() {
        return scriptLineBytes != null;
    }

    /** Lines in the content: the script's size, or {@link Long#MAX_VALUE} for the (endless) random workload. */
    public long lineCount() {
        return scriptLineBytes != null ? scriptLineBytes.length : Long.MAX_VALUE;
    }

    /** Lines at the start that emit every key once (0 without fill). */
    public long fillLineCount() {
        return keySteps.stepOf(0).fillLines();
    }

    /** Size n of the key space that line {@code index} draws from (the step's keys during a fill). */
    public int activeKeys(long index) {
        KeySteps.Step step = keySteps.stepOf(index);
        if (index < step.fillEnd()) {
            return (int) step.toKeys();
        }
        return activeKeys(step, index - step.fillsBefore() - step.fillLines());
    }

    private int activeKeys(KeySteps.Step step, long randomLine) {
        double grown = step.toKeys() + Math.floor(keyGrowthPerSec * randomLine / startRateLinesPerSec);
        return (int) Math.min(LoadGenConfig.MAX_KEYS, grown);
    }

    /** Upper bound of the bytes any one line takes, newline included. */
    public int maxLineBytes() {
        return maxLineBytes;
    }

    /** Line {@code index} as text, without the newline. */
    public String line(long index) {
        byte[] buffer = new byte[maxLineBytes];
        int end = writeLine(index, buffer, 0);
        return new String(buffer, 0, end - 1, StandardCharsets.UTF_8);
    }

    /**
     * Writes line {@code index} and its newline into {@code sink} at {@code offset}; needs
     * {@link #maxLineBytes()} bytes of room. Returns the offset just after the newline.
     */
    public int writeLine(long index, byte[] sink, int offset) {
        return writeLine(index, sink, offset, null);
    }

    /** As {@link #writeLine(long, byte[], int)}, also noting the line's words in {@code batch} when not null. */
    int writeLine(long index, byte[] sink, int offset, WriteBatch batch) {
        if (index < 0 || index >= lineCount()) {
            throw new IndexOutOfBoundsException("line " + index + " of " + lineCount());
        }
        int pos = offset;
        if (scriptLineBytes != null) {
            byte[] text = scriptLineBytes[(int) index];
            System.arraycopy(text, 0, sink, pos, text.length);
            pos += text.length;
            sink[pos++] = '\n';
            if (batch != null) {
                batch.addScriptLine((int) index, scriptLineWords[(int) index]);
            }
            return pos;
        }
        return writeKeys(keysOfLine(index, lineKeys), sink, pos, batch);
    }

    /**
     * Writes line {@code sweepLine} of a sweep over keys 0..keys-1 (W consecutive keys per line, as the fill
     * does) and its newline; returns the offset after it. Lines: {@code ceil(keys / W)}.
     */
    int writeSweepLine(long sweepLine, int keys, byte[] sink, int offset, WriteBatch batch) {
        int count = consecutiveKeys(sweepLine * wordsPerLine, keys, lineKeys);
        return writeKeys(count, sink, offset, batch);
    }

    private int writeKeys(int count, byte[] sink, int offset, WriteBatch batch) {
        int pos = offset;
        for (int j = 0; j < count; j++) {
            pos = writeKey(lineKeys[j], sink, pos);
            sink[pos++] = (byte) (j == count - 1 ? '\n' : ' ');
        }
        if (batch != null) {
            batch.addKeys(lineKeys, count);
        }
        return pos;
    }

    /** Keys first, first+1, ... below {@code limit}, at most W of them, into {@code keys}; returns how many. */
    private int consecutiveKeys(long first, long limit, int[] keys) {
        int count = (int) Math.min(wordsPerLine, limit - first);
        for (int j = 0; j < count; j++) {
            keys[j] = (int) (first + j);
        }
        return count;
    }

    /** Fills {@code keys} with the keys of line {@code index}; returns how many. */
    private int keysOfLine(long index, int[] keys) {
        KeySteps.Step step = keySteps.stepOf(index);
        if (index < step.fillEnd()) {
            return consecutiveKeys(step.fromKeys() + (index - step.startLine()) * wordsPerLine, step.toKeys(), keys);
        }
        long randomLine = index - step.fillsBefore() - step.fillLines();
        long block = randomLine / BLOCK_LINES;
        if (block != rngBlock || randomLine < rngNextLine) {
            startBlock(block);
        }
        int activeKeys = activeKeys(step, randomLine);
        while (rngNextLine < randomLine) { // skip forward inside the block: same draws, results unused
            drawKeys(activeKeys(keySteps.stepOfRandomLine(rngNextLine), rngNextLine), keys);
            rngNextLine++;
        }
        drawKeys(activeKeys, keys);
        rngNextLine = randomLine + 1;
        return wordsPerLine;
    }

    private void startBlock(long block) {
        rng = RandomSource.XO_RO_SHI_RO_128_PP.create(blockSeed(seed, block));
        zipfSampler = null;
        zipfSamplerKeys = -1;
        rngBlock = block;
        rngNextLine = block * BLOCK_LINES;
    }

    private void drawKeys(int activeKeys, int[] keys) {
        if (zipfExponent == 0) {
            for (int j = 0; j < wordsPerLine; j++) {
                keys[j] = rng.nextInt(activeKeys);
            }
            return;
        }
        if (activeKeys != zipfSamplerKeys) { // the sampler's tables depend on the key count
            zipfSampler = RejectionInversionZipfSampler.of(rng, activeKeys, zipfExponent);
            zipfSamplerKeys = activeKeys;
        }
        for (int j = 0; j < wordsPerLine; j++) {
            keys[j] = zipfSampler.sample() - 1; // ranks are 1-based, keys 0-based
        }
    }

    /** Mixes (seed, block) so neighbouring blocks and seeds get unrelated generators (SplitMix64 finaliser). */
    static long blockSeed(long seed, long block) {
        return mix64(mix64(seed) + block * 0x9E3779B97F4A7C15L);
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Writes "w" and the key in base 36 (as {@link Long#toString(long, int)} would) without allocating. */
    static int writeKey(int key, byte[] sink, int pos) {
        sink[pos++] = 'w';
        int digits = 1;
        for (long limit = 36; key >= limit; limit *= 36) {
            digits++;
        }
        int end = pos + digits;
        int rest = key;
        for (int p = end - 1; p >= pos; p--) {
            sink[p] = DIGITS[rest % 36];
            rest /= 36;
        }
        return end;
    }
}
