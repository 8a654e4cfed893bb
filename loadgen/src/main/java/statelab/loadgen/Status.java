package statelab.loadgen;

import java.util.List;

/**
 * What the load generator is doing now (what {@code GET /status} shows). Lags are in milliseconds: a write's
 * lag is the time it completed minus the due time of the oldest line in it; {@code currentLagMs} is how far
 * behind a client is right now (0 when it is on schedule or done), which grows while a reader is stalled even
 * though no write completes.
 *
 * @param rateLinesPerSec current rate of the random workload; null for a script
 * @param workload        one line describing the stream
 */
public record Status(Double rateLinesPerSec, String workload, int clientsConnected, int clientsTotal,
                     long linesSent, long wordsSent, double lagP50Ms, double lagP99Ms, double lagMaxMs,
                     List<ClientStatus> clients, ReplayStatus replay) {

    public Status {
        clients = List.copyOf(clients);
    }

    /**
     * The replay stream (null until a replay client shook hands); its lines, lag and progress are in
     * {@link #clients()} under the same client id, with remote {@code "replay"}: {@code lineIndexReached} is
     * the first line not yet fetched, {@code linesDue - lineIndexReached} the lines due but not fetched.
     *
     * @param linesServedAgain lines fetched more than once (counted once in the ledger)
     * @param requests         requests answered, bad ones included
     * @param badRequests      requests answered with an error
     */
    public record ReplayStatus(long clientId, String streamId, long linesServedAgain, long requests,
                               long badRequests) {
    }

    /**
     * One client. {@code lineIndexReached} is the index of the next line to write (all before it were written);
     * {@code linesDue} how many lines its schedule has made due by now; {@code distinctKeys} how many different
     * words it was sent.
     */
    public record ClientStatus(long clientId, String remote, long connectedAtEpochMs, boolean connected,
                               boolean streamDone, long linesSent, long wordsSent, long distinctKeys,
                               long lineIndexReached,
                               long linesDue, double currentLagMs, double lagP50Ms, double lagP99Ms,
                               double lagMaxMs) {
    }

    /** The one-line summary the command line prints every few seconds. */
    public String summaryLine() {
        String replayed = "";
        if (replay != null) {
            ClientStatus stream = clients.stream().filter(c -> c.clientId() == replay.clientId()).findFirst()
                    .orElseThrow();
            replayed = String.format(java.util.Locale.ROOT,
                    "; replay: %d of %d due lines fetched, lag %.1f ms, %d lines served again",
                    stream.lineIndexReached(), stream.linesDue(), stream.currentLagMs(), replay.linesServedAgain());
        }
        return String.format(java.util.Locale.ROOT,
                "loadgen: %d client%s connected (%d in all), %d lines / %d words sent, lag p99 %.1f ms, max %.1f "
                        + "ms%s%s",
                clientsConnected, clientsConnected == 1 ? "" : "s", clientsTotal, linesSent, wordsSent, lagP99Ms,
                lagMaxMs, rateLinesPerSec == null ? "" : ", rate " + LoadGenConfig.formatNumber(rateLinesPerSec)
                        + " lines/s", replayed);
    }
}
