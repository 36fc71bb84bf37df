package dev.ticketing.web;

import dev.ticketing.platform.errors.NotFound;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The API described: the OpenAPI 3.1 document of the whole public API at {@code /api/openapi.json},
 * and a page that renders it at {@code /api/docs} with the Swagger UI packaged in the jar (no CDN).
 * Registered before the gateway, whose {@code /api/{resource}} would otherwise take these paths.
 */
final class ApiDocs {
    private static final String VIEWER = "/META-INF/resources/webjars/swagger-ui/" + viewerVersion() + "/";
    private static final Map<String, String> VIEWER_FILES = Map.of(
            "swagger-ui.css", "text/css; charset=utf-8",
            "swagger-ui-bundle.js", "text/javascript; charset=utf-8");

    private ApiDocs() {
    }

    static void register(RoutesConfig routes) {
        routes.get("/api/openapi.json", ctx -> send(ctx, "/openapi/openapi.json", "application/json"));
        routes.get("/api/docs", ctx -> send(ctx, "/openapi/docs.html", "text/html; charset=utf-8"));
        routes.get("/api/docs/docs.js", ctx -> send(ctx, "/openapi/docs.js", "text/javascript; charset=utf-8"));
        routes.get("/api/docs/{file}", ctx -> {
            String type = VIEWER_FILES.get(ctx.pathParam("file"));
            if (type == null) {
                throw new NotFound();
            }
            send(ctx, VIEWER + ctx.pathParam("file"), type);
        });
    }

    private static void send(Context ctx, String resource, String type) {
        try (InputStream in = ApiDocs.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new NotFound();
            }
            ctx.contentType(type).header("Cache-Control", "no-cache").result(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The packaged viewer's version, as its jar states it, so that upgrading it is a POM change only. */
    private static String viewerVersion() {
        try (InputStream in = ApiDocs.class.getResourceAsStream("/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "missing");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
