package statelab.notebooks;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Spark's web UI as a reader sees it: a page captured as a PNG by a real headless browser (Debian's
 * {@code chromium}, which {@code notebooks/setup-jupyter.sh} installs), and the same page's HTML fetched with the
 * JDK's HTTP client, so a check can read what the picture shows.
 *
 * <pre>
 *   SparkUi.Capture tab = SparkUi.captureStreamingTab(job.uiUrl(), dir.resolve("spark-ui-streaming.png"));
 *   Show.png(tab.png());
 * </pre>
 */
public final class SparkUi {

    /** The browser window, in CSS pixels: the Streaming tab's statistics and both delay charts fit in it. */
    public static final int WIDTH = 1280;
    public static final int HEIGHT = 1600;
    /** What the Streaming tab's page says at its top. */
    public static final String STREAMING_TITLE = "Streaming Statistics";

    private static final Duration BROWSER_TIMEOUT = Duration.ofSeconds(90);

    /**
     * A captured page.
     *
     * @param url                 the page
     * @param png                 the screenshot
     * @param width               its width in pixels
     * @param height              its height in pixels
     * @param streamingStatistics whether the page, fetched again from {@code url}, holds the Streaming tab's title
     */
    public record Capture(String url, Path png, int width, int height, boolean streamingStatistics) {
    }

    private SparkUi() {
    }

    /** The Streaming tab ({@code UI/streaming/}) of a running DStream job whose UI is at {@code uiUrl}. */
    public static Capture captureStreamingTab(String uiUrl, Path png) throws IOException, InterruptedException {
        if (uiUrl == null) {
            throw new IllegalArgumentException("the job has no web UI: start it with RunSpec.builder(...)"
                    + ".uiEnabled(true)");
        }
        String url = uiUrl.replaceAll("/+$", "") + "/streaming/";
        if (!URI.create(url).getHost().equals("127.0.0.1")) {
            throw new IllegalArgumentException("the lab's Spark UI binds to 127.0.0.1, not " + url);
        }
        screenshot(url, png);
        BufferedImage image = ImageIO.read(png.toFile());
        if (image == null) {
            throw new IOException("the browser wrote " + png + ", which is not a PNG image");
        }
        return new Capture(url, png, image.getWidth(), image.getHeight(), fetch(url).contains(STREAMING_TITLE));
    }

    /** The page at {@code url}, as text. */
    public static String fetch(String url) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new IOException("GET " + url + " answered " + response.statusCode());
        }
        return response.body();
    }

    /** The browser: Debian's chromium. */
    public static Path browser() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            Path path = Path.of(candidate);
            if (Files.isExecutable(path)) {
                return path;
            }
        }
        throw new IllegalStateException("chromium is not installed, so Spark's UI cannot be captured: run "
                + "notebooks/setup-jupyter.sh (or ./lab test, which runs it), or apt-get install chromium");
    }

    /** Captures {@code url} into {@code png} with headless chromium, a window of {@link #WIDTH} x {@link #HEIGHT}. */
    static void screenshot(String url, Path png) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium-profile-");
        Path log = profile.resolveSibling(profile.getFileName() + ".log");
        Files.deleteIfExists(png);
        List<String> command = new ArrayList<>(List.of(browser().toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                "--user-data-dir=" + profile, "--screenshot=" + png.toAbsolutePath(),
                "--window-size=" + WIDTH + "," + HEIGHT, url));
        Process browser = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!browser.waitFor(BROWSER_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IOException("chromium did not capture " + url + " within " + BROWSER_TIMEOUT.toSeconds()
                        + " s");
            }
            if (!Files.isRegularFile(png) || Files.size(png) == 0) {
                throw new IOException("chromium exited " + browser.exitValue() + " without a screenshot of " + url
                        + "; its output ends:\n" + tail(log));
            }
        } finally {
            browser.descendants().forEach(ProcessHandle::destroyForcibly);
            browser.destroyForcibly();
            deleteRecursively(profile);
            Files.deleteIfExists(log);
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover browser profile in the scratch directory is removed with it
        }
    }
}
