package dev.meshlens.app.serving;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshlens.app.alerts.Alert;
import dev.meshlens.app.pipeline.ServiceWindow;
import dev.meshlens.app.pipeline.ServiceWindowSerde;
import dev.meshlens.diagnosis.Cause;
import dev.meshlens.diagnosis.Direction;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Every REST route, in one place. Public API under {@code /api/v1}; {@code /api/v1/local/*} is what instances
 * ask each other (this instance's share only).
 */
final class RestRoutes {
    private static final int MAX_SERVICE_LENGTH = 253;
    private static final int MAX_LIMIT = 100;
    /** Longer than any cause or direction id: a longer value is refused without being repeated in the answer. */
    private static final int MAX_ID_LENGTH = 64;
    private static final TypeReference<List<Alert>> ALERTS = new TypeReference<>() { };

    private final ServingContext serving;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Duration retention;

    RestRoutes(ServingContext serving, ObjectMapper mapper, Clock clock, Duration retention) {
        this.serving = serving;
        this.mapper = mapper;
        this.clock = clock;
        this.retention = retention;
    }

    void register(Javalin app) {
        app.get("/health", ctx -> ctx.json(new Views.Health("UP")));
        app.get("/ready", this::ready);
        app.get("/api/v1/services", this::services);
        app.get("/api/v1/services/{service}/causes", this::causes);
        app.get("/api/v1/services/{service}/latency", this::latency);
        app.get("/api/v1/services/{service}/upstreams", this::upstreams);
        app.get("/api/v1/alerts", this::alerts);
        app.get("/api/v1/local/services", this::localServices);
        app.get("/api/v1/local/alerts", this::localAlerts);
    }

    private void ready(Context ctx) {
        ServingContext.Live live = serving.live();
        KafkaStreams.State state = live == null ? null : live.streams().state();
        boolean ready = state == KafkaStreams.State.RUNNING && live.storesQueryable();
        ctx.status(ready ? 200 : 503).json(new Views.Ready(ready, state == null ? "STARTING" : state.name()));
    }

    private void services(Context ctx) throws InterruptedException {
        TimeRange range = range(ctx);
        ServingContext.Live live = serving.require();
        List<ServiceWindow> all = new ArrayList<>();
        for (byte[] answer : live.cluster().fromAllInstances("/api/v1/local/services" + query(range),
                () -> localPerService(live, range))) {
            all.addAll(ServiceWindowSerde.fromJsonArray(answer));
        }
        ctx.json(live.summaries().services(Summaries.mergeByService(all, range.from().toEpochMilli(),
                range.to().toEpochMilli())));
    }

    private void localServices(Context ctx) {
        TimeRange range = range(ctx);
        ServingContext.Live live = serving.require();
        live.cluster().requireRunning();
        ctx.contentType("application/json").result(ClusterQueries.localAnswer(localPerService(live, range)));
    }

    private static LocalState.Covered<byte[]> localPerService(ServingContext.Live live, TimeRange range) {
        return live.local().allWindows(range).map(windows -> ServiceWindowSerde.toJsonArray(
                Summaries.mergeByService(windows, range.from().toEpochMilli(), range.to().toEpochMilli())));
    }

    private void causes(Context ctx) throws InterruptedException {
        Direction direction = direction(ctx.queryParam("direction"));
        forService(ctx, (live, service, range) -> Summaries.causeWindows(windows(live, service, range), direction));
    }

    private void latency(Context ctx) throws InterruptedException {
        forService(ctx, (live, service, range) -> Summaries.latency(windows(live, service, range)));
    }

    private void upstreams(Context ctx) throws InterruptedException {
        String causeId = ctx.queryParam("cause");
        Cause cause = causeId == null || causeId.isBlank() ? null : cause(causeId);
        int limit = limit(ctx.queryParam("limit"));
        forService(ctx, (live, service, range) -> Summaries.upstreams(windows(live, service, range), cause, limit));
    }

    private void alerts(Context ctx) throws InterruptedException {
        String state = ctx.queryParam("state");
        if (state != null && !state.equals("firing")) {
            throw ApiException.badParameter("state", "state must be firing (resolved alerts are on the alert topic)");
        }
        ServingContext.Live live = serving.require();
        List<Alert> all = new ArrayList<>();
        for (byte[] answer : live.cluster().fromAllInstances("/api/v1/local/alerts", () -> localFiring(live))) {
            all.addAll(read(answer));
        }
        all.sort(Comparator.comparing(Alert::firingSince).reversed().thenComparing(Alert::id));
        ctx.json(all);
    }

    private void localAlerts(Context ctx) {
        ServingContext.Live live = serving.require();
        live.cluster().requireRunning();
        ctx.contentType("application/json").result(ClusterQueries.localAnswer(localFiring(live)));
    }

    private LocalState.Covered<byte[]> localFiring(ServingContext.Live live) {
        return live.local().firingAlerts().map(this::json);
    }

    /** One service's question: answered by the instance that owns the service, 404 if no window knows it. */
    private void forService(Context ctx, ServiceQuery query) throws InterruptedException {
        String service = service(ctx.pathParam("service"));
        TimeRange range = range(ctx);
        ServingContext.Live live = serving.require();
        boolean forwarded = ctx.header(ClusterQueries.FORWARDED_HEADER) != null;
        ClusterQueries.Answer answer = live.cluster().forService(service, forwarded, ctx.path() + queryString(ctx),
                () -> {
                    Object result = query.answer(live, service, range);
                    if (isEmpty(result) && !live.local().knows(service, clock.instant(), retention.toMillis())) {
                        throw ApiException.notFound("no service '" + service + "' in the last "
                                + retention.toString().substring(2).toLowerCase(java.util.Locale.ROOT));
                    }
                    return json(result);
                });
        ctx.status(answer.status()).contentType("application/json").result(answer.body());
    }

    private static boolean isEmpty(Object result) {
        return result instanceof List<?> list && list.isEmpty();
    }

    private static List<ServiceWindow> windows(ServingContext.Live live, String service, TimeRange range) {
        return live.local().windows(service, range);
    }

    @FunctionalInterface
    private interface ServiceQuery {
        Object answer(ServingContext.Live live, String service, TimeRange range);
    }

    private TimeRange range(Context ctx) {
        return TimeRange.parse(ctx.queryParam("from"), ctx.queryParam("to"), clock.instant(), retention);
    }

    private static String query(TimeRange range) {
        return "?from=" + range.from() + "&to=" + range.to();
    }

    private static String queryString(Context ctx) {
        String query = ctx.queryString();
        return query == null || query.isEmpty() ? "" : "?" + query;
    }

    static String service(String service) {
        if (service == null || service.isBlank() || service.length() > MAX_SERVICE_LENGTH
                || service.chars().anyMatch(c -> c < 0x21 || c == 0x7F)) {
            throw ApiException.badParameter("service", "service must be 1-" + MAX_SERVICE_LENGTH
                    + " printable characters without spaces");
        }
        return service;
    }

    static Direction direction(String id) {
        if (id == null || id.isBlank()) {
            return null;
        }
        requireShortId("direction", id);
        try {
            return Direction.byId(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.badParameter("direction", e.getMessage());
        }
    }

    static Cause cause(String id) {
        requireShortId("cause", id);
        try {
            return Cause.byId(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.badParameter("cause", e.getMessage());
        }
    }

    private static void requireShortId(String parameter, String id) {
        if (id.length() > MAX_ID_LENGTH) {
            throw ApiException.badParameter(parameter, parameter + " is too long");
        }
    }

    static int limit(String text) {
        if (text == null || text.isBlank()) {
            return 10;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badParameter("limit", "limit must be a whole number from 1 to " + MAX_LIMIT);
    }

    private byte[] json(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Alert> read(byte[] body) {
        try {
            return mapper.readValue(body, ALERTS);
        } catch (IOException e) {
            throw ApiException.unavailable("an instance sent an unreadable answer; retry");
        }
    }
}
