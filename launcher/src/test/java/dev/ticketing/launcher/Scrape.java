package dev.ticketing.launcher;

import dev.ticketing.testkit.HttpTestClient;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One scrape of a service's {@code /metrics}, in Prometheus's text format. */
record Scrape(String text) {
    private static final Pattern SAMPLE = Pattern.compile(
            "(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(?:[^\"}]|\"(?:[^\"\\\\]|\\\\.)*\")*\\})? (\\S+)");

    static Scrape of(HttpTestClient service) {
        HttpTestClient.Response response = service.get("/metrics", Map.of());
        if (response.status() != 200) {
            throw new AssertionError("/metrics answered " + response.status());
        }
        return new Scrape(response.body());
    }

    /** True when some sample of the family {@code name} (a metric name, or its _count/_bucket/_total...) exists. */
    boolean has(String name) {
        Matcher m = SAMPLE.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** The sum of the samples named {@code name} whose labels contain every one of {@code labels} ({@code key="value"}). */
    double sum(String name, String... labels) {
        Matcher m = SAMPLE.matcher(text);
        double sum = 0;
        while (m.find()) {
            if (!m.group(1).equals(name)) {
                continue;
            }
            String found = m.group(2) == null ? "" : m.group(2);
            boolean all = true;
            for (String label : labels) {
                all &= found.contains(label);
            }
            if (all && !m.group(3).equals("NaN")) {
                sum += Double.parseDouble(m.group(3));
            }
        }
        return sum;
    }
}
