package dev.meshlens.app.serving;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of an instance: the REST API, {@code /metrics} for Prometheus, and the dashboard at {@code /}
 * (static files and Chart.js from its WebJar, no front-end build). Errors are JSON with a status, never a
 * stack trace.
 */
public final class RestServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);
    private static final String STARTED_AT = "meshlens.started";
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private final Javalin app;

    public RestServer(ServingSettings settings, ServingContext serving, PrometheusMeterRegistry registry,
            Duration retention) {
        String chartJs = "/webjars/chart.js/" + webjarVersion("chart.js") + "/dist/chart.umd.min.js";
        app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.useVirtualThreads = false;
            config.jsonMapper(new JavalinJackson(MAPPER, false));
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/dashboard";
                files.location = Location.CLASSPATH;
            });
            config.staticFiles.enableWebjars();
            if (!settings.corsOrigins().isEmpty()) {
                config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> settings.corsOrigins()
                        .forEach(rule::allowHost)));
            }
        });
        app.before(ctx -> ctx.attribute(STARTED_AT, System.nanoTime()));
        if (settings.token() != null) {
            requireToken(settings.token());
        }
        app.after(ctx -> {
            Long started = ctx.attribute(STARTED_AT);
            if (started != null) {
                Timer.builder("meshlens.http.requests").description("REST and dashboard requests")
                        .tag("route", ctx.endpointHandlerPath()).tag("status", Integer.toString(ctx.statusCode()))
                        .publishPercentileHistogram(false).register(registry)
                        .record(Duration.ofNanos(System.nanoTime() - started));
            }
        });
        app.exception(ApiException.class, (e, ctx) -> {
            if (e.status() == 503) {
                ctx.header("Retry-After", "2");
            }
            if (e.status() == 401) {
                ctx.header("WWW-Authenticate", "Bearer");
            }
            ctx.status(e.status()).json(e.parameter() == null ? Map.of("error", e.getMessage())
                    : Map.of("error", e.getMessage(), "parameter", e.parameter()));
        });
        // Javalin's own answers (no route for the path, ...) are plain text unless a client asks for JSON: make
        // them the API's JSON errors too.
        app.exception(HttpResponseException.class, (e, ctx) -> ctx.status(e.getStatus()).json(Map.of("error",
                e.getStatus() == 404 ? "no such path: " + ctx.path() : e.getMessage())));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            ctx.status(500).json(Map.of("error", "internal error"));
        });
        app.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                ctx.json(Map.of("error", "no such path: " + ctx.path()));
            }
        });
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape()));
        app.get("/dashboard/config.json", ctx -> ctx.json(Map.of("chart_js", chartJs)));
        new RestRoutes(serving, MAPPER, Clock.systemUTC(), retention).register(app);
        app.start(settings.bindHost(), settings.port());
    }

    /**
     * Every API path (including those that do not exist, so a 404 does not tell what is there) and
     * {@code /metrics} ask for the token; the dashboard's files stay open (it asks for the token itself), and so
     * do /health and /ready for probes. Preflight requests carry no credentials, so OPTIONS is let through to the
     * CORS handling (which answers only for configured origins).
     */
    private void requireToken(ApiToken token) {
        for (String path : new String[] {"/api/*", "/metrics"}) {
            app.before(path, ctx -> {
                if (ctx.method() != HandlerType.OPTIONS && !token.accepts(ctx.header("Authorization"))) {
                    throw ApiException.unauthorized();
                }
            });
        }
    }

    /** The port listened on (the real one when 0 asked for any). */
    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    private static String webjarVersion(String artifact) {
        String path = "/META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties";
        try (InputStream in = RestServer.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("WebJar " + artifact + " is not on the classpath");
            }
            Properties properties = new Properties();
            properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
