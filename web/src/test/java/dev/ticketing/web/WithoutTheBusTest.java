package dev.ticketing.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The front end's own jar leaves the bus's client out (web/pom.xml): what it runs at start must not need it. A
 * first version of the rule on JWT_LIFETIME read the bus's retention from a class that does, and the front end
 * could start only inside the all-in-one ({@code make cluster}, the container image: NoClassDefFoundError).
 */
class WithoutTheBusTest {

    @Test
    void reads_its_settings_where_no_nats_class_can_be_loaded() throws Exception {
        try (URLClassLoader withoutNats = new URLClassLoader(classPath(), ClassLoader.getPlatformClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.startsWith("io.nats.")) {
                    throw new ClassNotFoundException(name);
                }
                return super.loadClass(name, resolve);
            }
        }) {
            Class<?> env = withoutNats.loadClass("dev.ticketing.platform.config.Env");
            Object values = env.getConstructor(Map.class).newInstance(
                    Map.of("JWT_KEY", "a-test-key-of-at-least-thirty-two-characters-0123456789"));
            Class<?> config = withoutNats.loadClass("dev.ticketing.platform.config.ServiceConfig");
            Object read = config.getMethod("from", env, String.class, int.class).invoke(null, values, "web", 8080);

            assertThat(config.getMethod("port").invoke(read)).isEqualTo(8080);
            assertThat(config.getClassLoader()).isSameAs(withoutNats);
        }
    }

    private static URL[] classPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator)).map(entry -> {
            try {
                return new File(entry).toURI().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }).toArray(URL[]::new);
    }
}
