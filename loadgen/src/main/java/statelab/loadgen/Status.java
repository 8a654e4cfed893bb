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
                     List<ClientStatus> clients) {

    public Status {
        clients = List.copyOf(clients);
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
        return String.format(java.util.Locale.ROOT,
                "loadgen: %d client%s connected (%d in all), %d lines / %d words sent, lag p99 %.1f ms, max %.1f ms%s",
                clientsConnected, clientsConnected == 1 ? "" : "s", clientsTotal, linesSent, wordsSent, lagP99Ms,
                lagMaxMs, rateLinesPerSec == null ? "" : ", rate " + LoadGenConfig.formatNumber(rateLinesPerSec)
                        + " lines/s");
    }
}
