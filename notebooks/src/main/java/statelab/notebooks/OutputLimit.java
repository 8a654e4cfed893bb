package statelab.notebooks;

import java.io.IOException;
import java.io.OutputStream;

/**
 * One cell's output budget, shared by its stdout and stderr: bytes past the limit are counted, not sent, so a
 * cell printing megabytes neither floods the notebook nor the kernel's connection. The kernel appends
 * {@link #note()} when anything was cut.
 */
final class OutputLimit {

    private final long limitBytes;
    private long writtenBytes;
    private long droppedBytes;

    OutputLimit(long limitBytes) {
        this.limitBytes = limitBytes;
    }

    /** A stream that passes bytes to {@code target} while the budget lasts. */
    OutputStream wrap(OutputStream target) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                int allowed = admit(length);
                if (allowed > 0) {
                    target.write(bytes, offset, allowed);
                }
            }

            @Override
            public void flush() throws IOException {
                target.flush();
            }
        };
    }

    private synchronized int admit(int length) {
        int allowed = (int) Math.max(0, Math.min(length, limitBytes - writtenBytes));
        writtenBytes += allowed;
        droppedBytes += length - allowed;
        return allowed;
    }

    synchronized long droppedBytes() {
        return droppedBytes;
    }

    /** The value of an expression, cut to what is left of the budget. */
    synchronized String cut(String text) {
        long left = Math.max(0, limitBytes - writtenBytes);
        if (text.length() <= left) {
            writtenBytes += text.length();
            return text;
        }
        droppedBytes += text.length() - left;
        writtenBytes = limitBytes;
        return text.substring(0, (int) left);
    }

    /** What was cut, in one line; null when nothing was. */
    synchronized String note() {
        if (droppedBytes == 0) {
            return null;
        }
        return String.format("[output truncated: %,d more bytes not shown; a cell shows at most %,d bytes]",
                droppedBytes, limitBytes);
    }
}
