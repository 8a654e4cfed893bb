package statelab.loadgen;

/**
 * The bytes of one socket write plus what they hold (key ids, script line numbers), so the ledger can count
 * the words after the write succeeded. One per client writer, reused for every write: nothing is queued.
 */
final class WriteBatch {

    /** Bytes per write we aim for: big enough for loopback speed, small enough to keep latency low. */
    static final int TARGET_BYTES = 256 * 1024;

    final byte[] bytes;
    int length;

    /** Generated keys in the batch, in order (random workload only). */
    int[] keys;
    int keyCount;

    /** Script line numbers (0-based) in the batch (scripts only). */
    int[] scriptLines;
    int scriptLineCount;

    long lines;
    long words;

    /** Room for at least one line of {@code maxLineBytes}; smallest word is 3 bytes ("w0 "), a line 2 bytes. */
    WriteBatch(int maxLineBytes, boolean scripted) {
        int capacity = Math.max(TARGET_BYTES, maxLineBytes);
        bytes = new byte[capacity];
        if (scripted) {
            scriptLines = new int[capacity / 2 + 1];
        } else {
            keys = new int[capacity / 3 + 1];
        }
    }

    void clear() {
        length = 0;
        keyCount = 0;
        scriptLineCount = 0;
        lines = 0;
        words = 0;
    }

    boolean hasRoomFor(int lineBytes) {
        return bytes.length - length >= lineBytes;
    }

    void addKeys(int[] lineKeys, int count) {
        System.arraycopy(lineKeys, 0, keys, keyCount, count);
        keyCount += count;
        lines++;
        words += count;
    }

    void addScriptLine(int scriptLine, int wordCount) {
        scriptLines[scriptLineCount++] = scriptLine;
        lines++;
        words += wordCount;
    }
}
