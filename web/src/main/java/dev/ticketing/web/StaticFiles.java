package dev.ticketing.web;

import dev.ticketing.platform.errors.NotFound;
import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** The stylesheet and the two small scripts, served from the classpath (no CDN: there is no network). */
final class StaticFiles {
    private static final Map<String, String> FILES = Map.of(
            "app.css", "text/css; charset=utf-8",
            "order.js", "text/javascript; charset=utf-8",
            "price.js", "text/javascript; charset=utf-8");

    private StaticFiles() {
    }

    static void register(RoutesConfig routes) {
        routes.get("/static/{file}", ctx -> {
            String file = ctx.pathParam("file");
            String type = FILES.get(file);
            if (type == null) {
                throw new NotFound();
            }
            try (InputStream in = StaticFiles.class.getResourceAsStream("/static/" + file)) {
                if (in == null) {
                    throw new NotFound();
                }
                ctx.contentType(type).header("Cache-Control", "no-cache").result(in.readAllBytes());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
