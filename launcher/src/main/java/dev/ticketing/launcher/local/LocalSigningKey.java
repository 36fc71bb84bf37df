package dev.ticketing.launcher.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The session signing key of a local run: random, made once and kept (readable by its owner only) under
 * the data folder, so that sessions survive a restart and every replica started by {@code make
 * run-service} shares it. A deployment sets {@code JWT_KEY} instead.
 */
public final class LocalSigningKey {
    private LocalSigningKey() {
    }

    public static String loadOrCreate(Path dataFolder) {
        Path file = dataFolder.resolve("jwt-key");
        try {
            if (Files.exists(file)) {
                String key = Files.readString(file).trim();
                if (key.length() >= 32) {
                    return key;
                }
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String key = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createDirectories(dataFolder);
            Path temporary = Files.createTempFile(dataFolder, "jwt-key", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temporary, key);
            Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the local signing key in " + file, e);
        }
    }
}
