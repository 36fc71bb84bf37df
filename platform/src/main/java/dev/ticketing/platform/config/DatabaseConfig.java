package dev.ticketing.platform.config;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Where a service keeps its data: a PostgreSQL database and the schema the service owns in it.
 *
 * @param jdbcUrl  JDBC URL of the database, without credentials
 * @param user     database user
 * @param password database password (may be empty with trust authentication)
 * @param schema   the schema that belongs to this service alone
 */
public record DatabaseConfig(String jdbcUrl, String user, String password, String schema) {
    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public DatabaseConfig {
        if (!SCHEMA_NAME.matcher(schema).matches()) {
            throw new ConfigException("DB_SCHEMA must be a lower-case SQL name (letters, digits, _), got '"
                    + schema + "'");
        }
    }

    /**
     * Reads {@code DATABASE_URL} ({@code postgres://user:pass@host:port/db} or a JDBC URL) or else the
     * {@code PG*} variables, and {@code DB_SCHEMA} (default: the service's name).
     */
    public static DatabaseConfig from(Env env, String defaultSchema) {
        String schema = env.string("DB_SCHEMA", defaultSchema);
        var url = env.optional("DATABASE_URL");
        if (url.isPresent()) {
            return fromUrl(url.get(), env, schema);
        }
        String host = env.string("PGHOST", "127.0.0.1");
        int port = env.port("PGPORT", 5432);
        String database = env.string("PGDATABASE", "ticketing");
        return new DatabaseConfig("jdbc:postgresql://" + host + ":" + port + "/" + database,
                env.string("PGUSER", "postgres"), env.string("PGPASSWORD", ""), schema);
    }

    private static DatabaseConfig fromUrl(String url, Env env, String schema) {
        if (url.startsWith("jdbc:postgresql://")) {
            return new DatabaseConfig(url, env.string("PGUSER", "postgres"), env.string("PGPASSWORD", ""), schema);
        }
        try {
            URI uri = URI.create(url);
            if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme())) {
                throw new IllegalArgumentException();
            }
            if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
                throw new IllegalArgumentException();
            }
            String user = env.string("PGUSER", "postgres");
            String password = env.string("PGPASSWORD", "");
            if (uri.getRawUserInfo() != null) {
                String[] parts = uri.getRawUserInfo().split(":", 2);
                user = decode(parts[0]);
                password = parts.length > 1 ? decode(parts[1]) : "";
            }
            int port = uri.getPort() < 0 ? 5432 : uri.getPort();
            String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            return new DatabaseConfig("jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getPath() + query,
                    user, password, schema);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("DATABASE_URL must look like postgres://user:password@host:5432/database"
                    + " or jdbc:postgresql://host:5432/database, got '" + url + "'");
        }
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }


    /** The name of the database in the JDBC URL. */
    public String databaseName() {
        String rest = jdbcUrl.substring("jdbc:postgresql://".length());
        String path = rest.substring(rest.indexOf('/') + 1);
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    @Override
    public String toString() {
        return jdbcUrl + " (schema " + schema + ", user " + user + ")";
    }
}
