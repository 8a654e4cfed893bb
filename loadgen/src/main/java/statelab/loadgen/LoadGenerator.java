package statelab.loadgen;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Histogram;

/**
 * The load-generator server: accepts any number of TCP clients (Spark socket receivers, {@code nc}) and
 * writes each its own copy of the stream, open loop, starting at line 0 when it connects. Keeps an exact
 * {@link LedgerSnapshot ledger} of what each socket accepted and serves a small HTTP control endpoint
 * ({@link ControlServer}).
 *
 * <pre>
 * try (LoadGenerator gen = LoadGenerator.start(config)) {
 *     gen.awaitClients(1, Duration.ofSeconds(30));
 *     gen.awaitStreamsDone(Duration.ofSeconds(60));
 *     LedgerSnapshot sent = gen.ledger();
 * }
 * </pre>
 */
public final class LoadGenerator implements AutoCloseable {

    private final LoadGenConfig config;
    private final ServerSocket serverSocket;
    private final ControlServer control;
    private final Ledger ledger;
    /** Where the key space grows, by line number: shared by every writer, so every copy of the stream is one. */
    private final KeySteps keySteps;
    private final List<ClientSession> sessions = new CopyOnWriteArrayList<>();
    /** Connections still in their handshake window, and replay connections: closed by {@link #close()}. */
    private final java.util.Set<Socket> otherSockets = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** The replayable stream, started by the first replay handshake; null before. */
    private volatile ReplayStream replay;
    private final Thread acceptor;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Guards the current rate and the list of sessions together, so no new client misses a rate change. */
    private final Object rateLock = new Object();
    private double rateLinesPerSec;
    private long nextClientId = 1;

    private LoadGenerator(LoadGenConfig config) {
        this.config = config;
        this.rateLinesPerSec = config.rateLinesPerSec();
        this.ledger = new Ledger(config.script());
        this.keySteps = KeySteps.of(config);
        InetAddress address = resolve(config.host());
        this.serverSocket = bind(address, config.host(), config.port());
        try {
            this.control = new ControlServer(this, new InetSocketAddress(address, config.controlPort()));
        } catch (IOException e) {
            closeQuietly(serverSocket);
            throw bindFailure("control port", config.host(), config.controlPort(), e);
        }
        this.acceptor = new Thread(this::acceptClients, "loadgen-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Binds the stream port and the control port and starts accepting clients.
     *
     * @throws LoadGenException if a port is in use ({@code port 9999 on 127.0.0.1 is already in use}) or the
     *                          host is not a local address
     */
    public static LoadGenerator start(LoadGenConfig config) {
        return new LoadGenerator(config);
    }

    public LoadGenConfig config() {
        return config;
    }

    public String host() {
        return config.host();
    }

    /** The stream's TCP port (the actual one when the config said 0). */
    public int port() {
        return serverSocket.getLocalPort();
    }

    /** The control endpoint's HTTP port (the actual one when the config said 0). */
    public int controlPort() {
        return control.port();
    }

    /** Base URL of the control endpoint, e.g. {@code http://127.0.0.1:34567}. */
    public String controlUrl() {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return "http://" + host + ":" + controlPort();
    }

    /**
     * Waits until {@code clients} streams have started (in all, whether still connected or not): plain
     * clients, and the replay stream once its first client has shaken hands.
     */
    public boolean awaitClients(int clients, Duration timeout) throws InterruptedException {
        return awaitCondition(() -> sessions.size() + (replay == null ? 0 : 1) >= clients, timeout);
    }

    /**
     * Waits until at least one stream started and every plain client's stream has ended (duration or script
     * over) or that client left, and the replay stream, if started, has ended and had every line served.
     * Always false at the timeout for an endless stream.
     */
    public boolean awaitStreamsDone(Duration timeout) throws InterruptedException {
        return awaitCondition(() -> {
            ReplayStream stream = replay;
            return (!sessions.isEmpty() || stream != null)
                    && sessions.stream().allMatch(s -> s.streamDone() || !s.connected())
                    && (stream == null || stream.done(System.nanoTime()));
        }, timeout);
    }

    /**
     * Ends every stream now, as a duration would have: plain clients get their final sweep (if configured)
     * and then nothing more, the replay stream's last lines become due. Clients that connect later get
     * the whole stream as usual.
     */
    public void endStreams() {
        long now = System.nanoTime();
        synchronized (rateLock) {
            for (ClientSession session : sessions) {
                session.endAt(now);
            }
            if (replay != null) {
                replay.endAt(now);
            }
        }
        signalChange();
    }

    /**
     * When line {@code line} of the first client's stream is due on its schedule, in epoch milliseconds: the
     * time an open-loop source promised it, whenever it was actually sent or fetched (the anchor of a line's
     * end-to-end latency). Lines already due keep their times through rate changes and key steps.
     *
     * @throws IllegalStateException if no client has connected yet
     */
    public long dueEpochMs(long line) {
        long dueNanos;
        if (!sessions.isEmpty()) {
            dueNanos = sessions.get(0).dueNanos(line);
        } else if (replay != null) {
            dueNanos = replay.dueNanos(line);
        } else {
            throw new IllegalStateException("no client has connected: no line is due yet");
        }
        long agoNanos = System.nanoTime() - dueNanos;
        return System.currentTimeMillis() - Math.round(agoNanos / 1e6);
    }

    /** The ledger with per-word counts. */
    public LedgerSnapshot ledger() {
        return ledger(true);
    }

    /** The ledger; without counts the per-word maps are empty (cheaper for big key spaces). */
    public LedgerSnapshot ledger(boolean withCounts) {
        return ledger.snapshot(withCounts);
    }

    /** What {@code GET /status} shows. */
    public Status status() {
        long now = System.nanoTime();
        List<Status.ClientStatus> clients = new ArrayList<>();
        Histogram allLags = lagHistogramMicros();
        int connected = 0;
        long lines = 0;
        long words = 0;
        for (ClientSession session : sessions) {
            Status.ClientStatus client = session.status(now);
            clients.add(client);
            connected += client.connected() ? 1 : 0;
            lines += client.linesSent();
            words += client.wordsSent();
        }
        ReplayStream stream = replay;
        Status.ReplayStatus replayStatus = null;
        if (stream != null) {
            Status.ClientStatus client = stream.status(now);
            clients.add(client);
            lines += client.linesSent();
            words += client.wordsSent();
            replayStatus = stream.replayStatus();
        }
        boolean anyLag = allLags.getTotalCount() > 0;
        Double rate;
        synchronized (rateLock) {
            rate = config.scripted() ? null : rateLinesPerSec;
        }
        return new Status(rate, config.summary(), connected, sessions.size(), lines, words,
                anyLag ? allLags.getValueAtPercentile(50) / 1e3 : 0,
                anyLag ? allLags.getValueAtPercentile(99) / 1e3 : 0,
                anyLag ? allLags.getMaxValue() / 1e3 : 0, clients, replayStatus);
    }

    /**
     * Every client's write lags so far, in microseconds, in one histogram (a copy): the difference of two copies
     * is the lag of the writes in between (for example of one step of a changing rate).
     */
    public Histogram lagHistogramMicros() {
        Histogram all = new Histogram(1, Ledger.LAG_HIGHEST_MICROS, 3);
        for (Ledger.Tally tally : ledger.tallies()) {
            all.add(tally.lagMicros());
        }
        return all;
    }

    /** The random workload's current rate. */
    public double rateLinesPerSec() {
        synchronized (rateLock) {
            return rateLinesPerSec;
        }
    }

    /**
     * Changes the rate from now on, for every client and every client that connects later. Due times of lines
     * already due stay; content is unaffected.
     *
     * @throws IllegalArgumentException if the rate is not a positive number
     * @throws IllegalStateException    if the stream is a script (its times are fixed)
     */
    public void setRateLinesPerSec(double linesPerSec) {
        if (!(linesPerSec > 0) || Double.isInfinite(linesPerSec)) {
            throw new IllegalArgumentException(
                    "linesPerSec must be a positive number of lines per second, got " + linesPerSec);
        }
        if (config.scripted()) {
            throw new IllegalStateException("the stream follows " + config.script() + "; its rate cannot change");
        }
        synchronized (rateLock) {
            long now = System.nanoTime();
            rateLinesPerSec = linesPerSec;
            for (ClientSession session : sessions) {
                session.changeRate(now, linesPerSec);
            }
            if (replay != null) {
                replay.changeRate(now, linesPerSec);
            }
        }
    }

    /** A key step as it was placed in the stream: its first line, the keys before and after, its fill lines. */
    public record KeyStep(long startLine, long fromKeys, long toKeys, long fillLines) {
    }

    /**
     * Grows the key space to {@code toKeys} for every client from the first line not yet due (with a margin of
     * {@value #STEP_MARGIN_MS} ms): its new keys are sent first, once each, at {@code fillRateLinesPerSec} (or the
     * rate, if higher), then the random lines draw from all {@code toKeys} keys at the rate in effect. Lines
     * already due keep their content, so the stream stays replayable; the ledger counts what is sent as always.
     *
     * @throws IllegalArgumentException if the keys do not grow, or the last step's new keys are still being sent
     * @throws IllegalStateException    if the stream is a script
     */
    public KeyStep growKeys(long toKeys, double fillRateLinesPerSec) {
        if (config.scripted()) {
            throw new IllegalStateException("the stream follows " + config.script() + "; its keys cannot grow");
        }
        synchronized (rateLock) {
            long now = System.nanoTime();
            long margin = now + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(STEP_MARGIN_MS);
            long from = 0;
            for (ClientSession session : sessions) {
                from = Math.max(from, session.linesDueBy(margin));
            }
            if (replay != null) {
                from = Math.max(from, replay.linesDueBy(margin));
            }
            KeySteps.Step step = keySteps.add(from, toKeys);
            double fillRate = Math.max(fillRateLinesPerSec, rateLinesPerSec);
            for (ClientSession session : sessions) {
                session.fillAt(step.startLine(), step.fillLines(), fillRate, now);
            }
            if (replay != null) {
                replay.fillAt(step.startLine(), step.fillLines(), fillRate, now);
            }
            return new KeyStep(step.startLine(), step.fromKeys(), step.toKeys(), step.fillLines());
        }
    }

    /** Keys the stream draws from now (the last key step's). */
    public long keys() {
        return keySteps.keys();
    }

    /** How far ahead of now a key step starts: no writer can have sent a line due that soon. */
    static final long STEP_MARGIN_MS = 100;

    /** Stops accepting, closes every client connection and the control endpoint. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeQuietly(serverSocket);
        control.stop();
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Socket socket : otherSockets) {
            closeQuietly(socket);
        }
        for (ClientSession session : sessions) {
            session.close();
        }
        signalChange();
    }

    private void acceptClients() {
        while (!closed.get()) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (closed.get()) {
                    return;
                }
                continue; // for example too many open files: keep serving the clients we have
            }
            // A plain client's schedule starts now (or, for an aligned script, mid-way through the next interval),
            // even though the server first waits a moment for a replay handshake.
            long startNanos = System.nanoTime()
                    + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(config.scheduleDelayMs(System
                    .currentTimeMillis()));
            long connectedAtEpochMs = System.currentTimeMillis();
            otherSockets.add(socket);
            Thread thread = new Thread(() -> handleConnection(socket, startNanos, connectedAtEpochMs),
                    "loadgen-connection");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Tells a replay client from a plain one (see {@link ReplayProtocol}) and serves it. */
    private void handleConnection(Socket socket, long startNanos, long connectedAtEpochMs) {
        String handshake;
        try {
            socket.setTcpNoDelay(true); // we batch ourselves; Nagle would only delay the few script lines
            handshake = readHandshake(socket);
        } catch (IOException e) {
            otherSockets.remove(socket);
            closeQuietly(socket);
            return;
        }
        if (handshake == null) {
            otherSockets.remove(socket);
            startPlainSession(socket, startNanos, connectedAtEpochMs);
            return;
        }
        try (socket) {
            if (!handshake.equals(ReplayProtocol.HANDSHAKE)) {
                socket.getOutputStream().write(("ERROR unsupported protocol '" + ReplayProtocol.abbreviate(handshake)
                        + "'; this load generator speaks " + ReplayProtocol.HANDSHAKE + "\n")
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                return;
            }
            replayStream().serve(socket);
        } catch (IOException e) {
            // the client went away mid-request: nothing it did not receive was counted
        } finally {
            otherSockets.remove(socket);
        }
    }

    /**
     * Reads the replay handshake if one comes within the window: returns the line that starts like one, or
     * null for a plain client (sent nothing, or something else, or left).
     */
    private static String readHandshake(Socket socket) throws IOException {
        byte[] prefix = ReplayProtocol.HANDSHAKE_PREFIX.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] line = new byte[64];
        int length = 0;
        long deadline = System.currentTimeMillis() + ReplayProtocol.HANDSHAKE_WINDOW_MS;
        java.io.InputStream in = socket.getInputStream();
        while (length < line.length) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                break;
            }
            socket.setSoTimeout((int) left);
            int b;
            try {
                b = in.read(); // byte by byte: nothing after the handshake line may be consumed here
            } catch (java.net.SocketTimeoutException e) {
                break;
            }
            if (b < 0 || (length < prefix.length && b != prefix[length])) {
                break;
            }
            if (b == '\n') {
                socket.setSoTimeout(0);
                int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
                return new String(line, 0, end, java.nio.charset.StandardCharsets.US_ASCII);
            }
            line[length++] = (byte) b;
        }
        socket.setSoTimeout(0);
        return length >= prefix.length ? new String(line, 0, length, java.nio.charset.StandardCharsets.US_ASCII)
                : null;
    }

    private void startPlainSession(Socket socket, long startNanos, long connectedAtEpochMs) {
        String remote = socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
        synchronized (rateLock) {
            if (closed.get()) {
                closeQuietly(socket);
                return;
            }
            Ledger.Tally tally = ledger.newClient(nextClientId++, remote, connectedAtEpochMs);
            ClientSession session = new ClientSession(socket, config, keySteps, rateLinesPerSec, tally, startNanos,
                    this::signalChange);
            sessions.add(session);
            session.start();
        }
        signalChange();
    }

    /** The replay stream, started now if this is its first client: its clock starts here. */
    private ReplayStream replayStream() {
        synchronized (rateLock) {
            if (replay == null) {
                long now = System.currentTimeMillis();
                long startNanos = System.nanoTime()
                        + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(config.scheduleDelayMs(now));
                replay = new ReplayStream(config, keySteps, ledger.newClient(nextClientId++, "replay", now),
                        startNanos, rateLinesPerSec);
            }
        }
        signalChange();
        return replay;
    }

    private synchronized void signalChange() {
        notifyAll();
    }

    private synchronized boolean awaitCondition(java.util.function.BooleanSupplier condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            long leftNanos = deadline - System.nanoTime();
            if (leftNanos <= 0) {
                return false;
            }
            // Bounded wait: a notification could race with the check, so look again at least every 100 ms.
            wait(Math.max(1, Math.min(100, leftNanos / 1_000_000)));
        }
        return true;
    }

    private static InetAddress resolve(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new LoadGenException("unknown host " + host);
        }
    }

    private static ServerSocket bind(InetAddress address, String host, int port) {
        ServerSocket server = null;
        try {
            server = new ServerSocket();
            server.setReuseAddress(true); // restart right after a previous run without waiting for TIME_WAIT
            server.bind(new InetSocketAddress(address, port), 1024);
            return server;
        } catch (IOException e) {
            closeQuietly(server);
            throw bindFailure("port", host, port, e);
        }
    }

    private static LoadGenException bindFailure(String what, String host, int port, IOException e) {
        if (e instanceof BindException && String.valueOf(e.getMessage()).contains("in use")) {
            return new LoadGenException(what + " " + port + " on " + host + " is already in use", e);
        }
        return new LoadGenException("cannot listen on " + host + ":" + port + " (" + what + "): " + e.getMessage(),
                e);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // nothing more to do
        }
    }
}
