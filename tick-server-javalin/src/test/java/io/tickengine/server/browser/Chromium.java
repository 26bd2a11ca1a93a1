package io.tickengine.server.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Headless Debian Chromium driven over the DevTools protocol with the JDK's WebSocket client: one page,
 * JavaScript evaluation, keyboard input and screenshots. No driver binary and no browser download.
 */
public final class Chromium implements AutoCloseable {
    /** Where Debian's {@code chromium} package puts the browser. */
    public static final Path DEFAULT_BINARY = Path.of("/usr/bin/chromium");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://[^/]+)/");

    private final Process process;
    private final WebSocket socket;
    private final ObjectMapper mapper = new ObjectMapper();
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> pageErrors = new CopyOnWriteArrayList<>();
    private final List<String> consoleMessages = new CopyOnWriteArrayList<>();

    private Chromium(Process process, URI pageSocket) {
        this.process = process;
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(TIMEOUT)
                .buildAsync(pageSocket, new Listener()).join();
    }

    /**
     * The browser to test with ({@code TICK_CHROMIUM}, else Debian's). Fails when it is missing, since CI
     * installs it; a developer may set {@code TICK_SKIP_BROWSER_TESTS=true} to skip instead.
     */
    public static Path requireBinary() {
        Path binary = Path.of(System.getenv().getOrDefault("TICK_CHROMIUM", DEFAULT_BINARY.toString()));
        if (!Files.isExecutable(binary)) {
            Assumptions.assumeFalse("true".equals(System.getenv("TICK_SKIP_BROWSER_TESTS")),
                    "TICK_SKIP_BROWSER_TESTS=true: browser test skipped by hand");
            Assertions.fail(binary + " is missing: install Debian's chromium package (.ci/run does), "
                    + "or set TICK_SKIP_BROWSER_TESTS=true to skip browser tests on a developer machine");
        }
        return binary;
    }

    /** Starts Chromium with a fresh profile in {@code profileDir} and attaches to its first page. */
    public static Chromium launch(Path binary, Path profileDir, int width, int height) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--remote-allow-origins=*", "--remote-debugging-port=0",
                "--user-data-dir=" + profileDir, "--window-size=" + width + "," + height, "about:blank"));
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String base = devtoolsAddress(p);
            return new Chromium(p, pageSocket(base));
        } catch (IOException | RuntimeException e) {
            p.destroyForcibly();
            throw e;
        }
    }

    private static String devtoolsAddress(Process p) throws IOException {
        BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> found = new CompletableFuture<>();
        List<String> seen = new CopyOnWriteArrayList<>();
        Thread drain = new Thread(() -> {
            try {
                for (String line; (line = err.readLine()) != null; ) {
                    Matcher m = DEVTOOLS.matcher(line);
                    if (m.find()) {
                        found.complete(m.group(1).replace("ws://", "http://"));
                    } else if (seen.size() < 50) {
                        seen.add(line);
                    }
                }
            } catch (IOException ignored) {
                // the browser exited; the wait below reports it
            }
            found.completeExceptionally(new IOException("chromium exited before DevTools started: " + seen));
        }, "chromium-stderr");
        drain.setDaemon(true);
        drain.start();
        try {
            return found.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("chromium did not start DevTools within " + TIMEOUT + ": " + seen, e);
        }
    }

    private static URI pageSocket(String base) throws IOException {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(base + "/json/list")).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (JsonNode t : new ObjectMapper().readTree(r.body())) {
                if ("page".equals(t.path("type").asText())) {
                    return URI.create(t.path("webSocketDebuggerUrl").asText());
                }
            }
            throw new IOException("no page target in " + r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** Sends one DevTools command and waits for its result. */
    public JsonNode send(String method, Map<String, ?> params) {
        int id = ids.incrementAndGet();
        ObjectNode msg = mapper.createObjectNode().put("id", id).put("method", method);
        msg.set("params", mapper.valueToTree(params));
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        socket.sendText(msg.toString(), true).join();
        try {
            JsonNode reply = f.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (reply.has("error")) {
                throw new IllegalStateException(method + " failed: " + reply.get("error"));
            }
            return reply.path("result");
        } catch (Exception e) {
            throw e instanceof IllegalStateException ise ? ise : new IllegalStateException(method + " failed", e);
        } finally {
            pending.remove(id);
        }
    }

    /** Navigates and records uncaught page exceptions from then on (see {@link #pageErrors()}). */
    public void open(String url) {
        send("Runtime.enable", Map.of());
        send("Page.enable", Map.of());
        send("Page.navigate", Map.of("url", url));
    }

    /** Evaluates an expression in the page (promises awaited) and returns its value as JSON. */
    public JsonNode eval(String expression) {
        JsonNode r = send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
        if (r.has("exceptionDetails")) {
            throw new IllegalStateException("page threw for '" + expression + "': " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    /** Types text into the focused element as if from the keyboard. */
    public void type(String text) {
        send("Input.insertText", Map.of("text", text));
    }

    /** Presses and releases a key by DOM name: Enter, Tab, ArrowDown, ArrowUp, Delete, Escape. */
    public void press(String key) {
        int code = switch (key) {
            case "Enter" -> 13;
            case "Tab" -> 9;
            case "Escape" -> 27;
            case "ArrowUp" -> 38;
            case "ArrowDown" -> 40;
            case "Delete" -> 46;
            default -> throw new IllegalArgumentException("unsupported key " + key);
        };
        Map<String, Object> down = Map.of("type", "keyDown", "key", key, "code", key, "windowsVirtualKeyCode", code,
                "text", key.equals("Enter") ? "\r" : "");
        send("Input.dispatchKeyEvent", down);
        send("Input.dispatchKeyEvent", Map.of("type", "keyUp", "key", key, "code", key, "windowsVirtualKeyCode", code));
    }

    /** Writes a PNG of the viewport. */
    public void screenshot(Path file) throws IOException {
        String data = send("Page.captureScreenshot", Map.of("format", "png")).path("data").asText();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(data));
    }

    /** Uncaught exceptions the page threw since {@link #open}. */
    public List<String> pageErrors() {
        return List.copyOf(pageErrors);
    }

    /** Console warnings and errors the page logged since {@link #open}. */
    public List<String> consoleMessages() {
        return List.copyOf(consoleMessages);
    }

    /** Asks the browser to quit (so it reaps its own helper processes), then ends it if it has not. */
    @Override
    public void close() {
        try {
            send("Browser.close", Map.of());
        } catch (RuntimeException ignored) {
            // the socket closes as the browser quits, or the browser is gone already
        }
        socket.abort();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                dispatch(text);
            }
            ws.request(1);
            return null;
        }

        private void dispatch(String text) {
            try {
                JsonNode n = mapper.readTree(text);
                if (n.has("id")) {
                    CompletableFuture<JsonNode> f = pending.get(n.get("id").asInt());
                    if (f != null) {
                        f.complete(n);
                    }
                } else if ("Runtime.exceptionThrown".equals(n.path("method").asText())) {
                    pageErrors.add(n.path("params").path("exceptionDetails").toString());
                } else if ("Runtime.consoleAPICalled".equals(n.path("method").asText())) {
                    String type = n.path("params").path("type").asText();
                    if (type.equals("warning") || type.equals("error")) {
                        consoleMessages.add(type + ": " + n.path("params").path("args").toString());
                    }
                }
            } catch (IOException e) {
                pageErrors.add("unreadable DevTools message: " + e.getMessage());
            }
        }
    }
}
