package dev.ticketing.platform.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ticketing.contract.json.Json;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The answers Jetty writes by itself, before the app's handlers see the request: a request line, URI
 * or header it refuses (an illegal path character, a bad escape, a URI or headers too long); and, through
 * {@link #writeServletBody}, the answer to a Java {@code Error} in a handler. They carry the contract's
 * error body and {@code nosniff}, never Jetty's HTML page or the cause.
 */
final class JettyErrors extends ErrorHandler {
    private static final String JSON = "application/json";
    private static final String NOSNIFF = "X-Content-Type-Options";

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
        response.getHeaders().put(NOSNIFF, "nosniff");
        response.write(true, ByteBuffer.wrap(body(code)), callback);
    }

    /** A request Jetty could not parse, answered before there is a request to hand to a handler. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, JSON);
        fields.put(NOSNIFF, "nosniff");
        return ByteBuffer.wrap(body(status));
    }

    /** Writes the error body for {@code status} on a servlet response nothing has been written to. */
    static void writeServletBody(HttpServletResponse response, int status) {
        if (response.isCommitted()) {
            return;
        }
        try {
            response.resetBuffer();
            response.setStatus(status);
            response.setContentType(JSON);
            response.setHeader(NOSNIFF, "nosniff");
            response.getOutputStream().write(body(status));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] body(int status) {
        try {
            return Json.mapper().writeValueAsBytes(ErrorBody.forStatus(status));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
