package dev.ticketing.benchmarks;

import dev.ticketing.orders.OrdersMain;
import dev.ticketing.orders.application.PlaceOrder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the orders service's answers to orders waited, from its own {@code /metrics}: the timer {@code
 * ticketing.order.placement} per stage, read before and after a phase; each stage's mean and (to the
 * histogram's bucket) 99th percentile over the orders placed in between.
 */
final class PlacementStages {
    private static final String METRIC = OrdersMain.PLACEMENT_STAGES.replace('.', '_') + "_seconds";
    private static final Pattern LINE = Pattern.compile(
            "^" + METRIC + "_(count|sum|bucket)\\{([^}]*)\\}\\s+(\\S+)$");
    private static final Pattern STAGE = Pattern.compile("stage=\"([^\"]+)\"");
    private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");
    /** As the orders service names them (PlaceOrder), in the order an order meets them, and what they are. */
    private static final Map<String, String> STAGES = Map.of(
            PlaceOrder.EDITS_HEARD, "waiting for the ticket edits in flight",
            PlaceOrder.WRITTEN, "its transaction, with the wait for a connection",
            PlaceOrder.PUBLISHED, "waiting for its order.created on the bus");
    private static final List<String> ORDER = List.of(PlaceOrder.EDITS_HEARD, PlaceOrder.WRITTEN, PlaceOrder.PUBLISHED);
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    /**
     * One reading: per stage, its count, its sum in seconds and its cumulative buckets by upper bound; none
     * before the first order. {@code taken} false: the service could not be read.
     */
    record Reading(boolean taken, Map<String, double[]> totals, Map<String, TreeMap<Double, Double>> buckets) {
    }

    private PlacementStages() {
    }

    /** The reading of the orders service at {@code ordersUrl}; an empty one (no lines) when it could not be read. */
    static Reading readOrNone(String ordersUrl) throws InterruptedException {
        try {
            return read(ordersUrl);
        } catch (IOException e) {
            System.out.println("      (where the answers waited: " + ordersUrl + "/metrics not read: " + e + ")");
            return new Reading(false, Map.of(), Map.of());
        }
    }

    static Reading read(String ordersUrl) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(ordersUrl + "/metrics"))
                .timeout(Duration.ofSeconds(5)).build();
        return parse(CLIENT.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    /** The timer's samples in Prometheus text {@code body}. */
    static Reading parse(String body) {
        Map<String, double[]> totals = new TreeMap<>();
        Map<String, TreeMap<Double, Double>> buckets = new TreeMap<>();
        for (String line : body.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            Matcher stage = STAGE.matcher(m.group(2));
            if (!stage.find()) {
                continue;
            }
            double value = Double.parseDouble(m.group(3));
            switch (m.group(1)) {
                case "count" -> totals.computeIfAbsent(stage.group(1), s -> new double[2])[0] = value;
                case "sum" -> totals.computeIfAbsent(stage.group(1), s -> new double[2])[1] = value;
                default -> {
                    Matcher le = LE.matcher(m.group(2));
                    if (le.find()) {
                        double bound = le.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY
                                : Double.parseDouble(le.group(1));
                        buckets.computeIfAbsent(stage.group(1), s -> new TreeMap<>()).put(bound, value);
                    }
                }
            }
        }
        return new Reading(true, totals, buckets);
    }

    /** One line per stage: the mean and the 99th percentile (a bucket's upper bound) between the two readings. */
    static List<String> between(Reading before, Reading after) {
        List<String> lines = new ArrayList<>();
        if (!before.taken() || !after.taken()) {
            return lines;
        }
        for (String stage : ORDER) {
            double[] end = after.totals().get(stage);
            if (end == null) {
                continue;
            }
            double[] start = before.totals().getOrDefault(stage, new double[2]);
            double count = end[0] - start[0];
            if (count <= 0) {
                continue;
            }
            double mean = (end[1] - start[1]) / count;
            lines.add(String.format(Locale.ROOT, "%s: mean %.1f ms, p99 <= %s", STAGES.get(stage), mean * 1e3,
                    p99(before.buckets().getOrDefault(stage, new TreeMap<>()), after.buckets().get(stage), count)));
        }
        return lines;
    }

    private static String p99(TreeMap<Double, Double> before, TreeMap<Double, Double> after, double count) {
        for (Map.Entry<Double, Double> bucket : after.entrySet()) {
            double inIt = bucket.getValue() - before.getOrDefault(bucket.getKey(), 0.0);
            if (inIt >= 0.99 * count) {
                return bucket.getKey().isInfinite() ? "-" : String.format(Locale.ROOT, "%.0f ms", bucket.getKey() * 1e3);
            }
        }
        return "-";
    }
}
