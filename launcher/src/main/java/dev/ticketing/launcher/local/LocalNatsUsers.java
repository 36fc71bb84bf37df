package dev.ticketing.launcher.local;

import dev.ticketing.platform.config.Env;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The passwords of the bus's users (deploy/nats/ticketing-users.conf) for a local run: random, made
 * once and kept (readable by their owner only) in {@code nats-users.properties} under the data
 * folder, so that the nats-server {@code make run} starts and every replica {@code make run-service}
 * adds agree on them. A deployment sets {@code NATS_PASSWORD_<USER>} on its server instead.
 */
public final class LocalNatsUsers {
    public static final String OPERATOR = "operator";
    static final List<String> USERS = List.of("auth", "tickets", "orders", "expiration", "payments", OPERATOR);
    public static final String FILE = "nats-users.properties";
    // nats-server reads a variable as a value: a word of letters and digits reads as a string.
    private static final Pattern PASSWORD = Pattern.compile("[A-Za-z][A-Za-z0-9]{31,}");

    private final Map<String, String> passwords;

    private LocalNatsUsers(Map<String, String> passwords) {
        this.passwords = Map.copyOf(passwords);
    }

    /** The passwords kept under {@code dataFolder}, when a local run has made them. */
    public static Optional<LocalNatsUsers> load(Path dataFolder) {
        Path file = dataFolder.resolve(FILE);
        return Files.exists(file) ? Optional.of(loadOrCreate(dataFolder)) : Optional.empty();
    }

    /** The passwords kept under {@code dataFolder}; any that is missing or malformed is made and kept. */
    public static LocalNatsUsers loadOrCreate(Path dataFolder) {
        Path file = dataFolder.resolve(FILE);
        try {
            Map<String, String> kept = read(file);
            Map<String, String> passwords = new LinkedHashMap<>();
            for (String user : USERS) {
                String password = kept.get(user);
                boolean wellFormed = password != null && PASSWORD.matcher(password).matches();
                passwords.put(user, wellFormed ? password : newPassword());
            }
            if (!passwords.equals(kept)) {
                write(dataFolder, file, passwords);
            }
            return new LocalNatsUsers(passwords);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the local NATS passwords in " + file, e);
        }
    }

    public String password(String user) {
        return passwords.get(user);
    }

    /**
     * {@code environment} with {@code NATS_USER} and {@code NATS_PASSWORD} of {@code user} added, unless
     * it names credentials of its own ({@code NATS_USER} or {@code NATS_CREDS}).
     */
    public Map<String, String> environmentOf(String user, Map<String, String> environment) {
        Map<String, String> result = new LinkedHashMap<>(environment);
        Env env = new Env(environment);
        if (env.optional("NATS_USER").isEmpty() && env.optional("NATS_CREDS").isEmpty()) {
            result.put("NATS_USER", user);
            result.put("NATS_PASSWORD", password(user));
        }
        return result;
    }

    /** What the configuration file reads from the server's environment: {@code NATS_PASSWORD_<USER>}. */
    Map<String, String> serverEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        passwords.forEach((user, password) ->
                environment.put("NATS_PASSWORD_" + user.toUpperCase(Locale.ROOT), password));
        return environment;
    }

    /** A new random password, in the form the server parses as a value: "pw" and 48 hex digits. */
    static String newPassword() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return "pw" + HexFormat.of().formatHex(random);
    }

    private static Map<String, String> read(Path file) throws IOException {
        Map<String, String> kept = new LinkedHashMap<>();
        if (Files.exists(file)) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            }
            properties.stringPropertyNames().forEach(user -> kept.put(user, properties.getProperty(user).trim()));
        }
        return kept;
    }

    /** Written aside with owner-only permissions, then moved over: a reader sees the old file or the new one. */
    private static void write(Path dataFolder, Path file, Map<String, String> passwords) throws IOException {
        Files.createDirectories(dataFolder);
        Path temporary = Files.createTempFile(dataFolder, FILE, ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (Writer writer = Files.newBufferedWriter(temporary)) {
            writer.write("# The NATS users' passwords of make run's nats-server (deploy/nats/ticketing-users.conf)\n");
            for (var entry : passwords.entrySet()) {
                writer.write(entry.getKey() + "=" + entry.getValue() + "\n");
            }
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
