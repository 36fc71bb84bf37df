package dev.ticketing.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.ticketing.platform.inbox.Inbox;
import java.util.List;

/**
 * The layout rules every service keeps (STYLE.md): a framework-free domain, use cases that reach the
 * database and the outside world only through their own interfaces and know nothing of the bus,
 * listeners registered in the messaging adapter only, and services kept apart.
 */
public final class ServiceArchitecture {
    private static final List<String> SERVICES = List.of("auth", "tickets", "orders", "expiration", "payments");

    private ServiceArchitecture() {
    }

    public static void check(String service) {
        String root = "dev.ticketing." + service;
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(root);

        // Until a service has its domain package this rule has nothing to check; it binds from the first class on.
        noClasses().that().resideInAPackage(root + ".domain..")
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.jdbi..", "io.nats..",
                        "java.sql..", "com.zaxxer..")
                .allowEmptyShould(true)
                .check(classes);

        noClasses().that().resideInAPackage(root + ".application..")
                .should().dependOnClassesThat().resideInAPackage(root + ".adapters..")
                .allowEmptyShould(true)
                .check(classes);

        // Use cases take plain values and an opaque unit of work: no persistence library, no bus, no web
        // framework. The inbox and the listeners are the messaging adapter's business.
        noClasses().that().resideInAPackage(root + ".application..")
                .should().dependOnClassesThat().resideInAnyPackage("org.jdbi..", "io.nats..", "io.javalin..",
                        "java.sql..", "com.zaxxer..", "dev.ticketing.platform.bus..", "dev.ticketing.platform.db..")
                .orShould().dependOnClassesThat().belongToAnyOf(Inbox.class)
                .allowEmptyShould(true)
                .check(classes);

        // Every listener is registered in the service's messaging adapter (its wiring class only hands it
        // the table), so each event has one row that decodes it and calls one use case.
        noClasses().that().resideOutsideOfPackages(root + ".adapters.messaging..", root)
                .should().dependOnClassesThat().resideInAPackage("dev.ticketing.platform.bus..")
                .orShould().dependOnClassesThat().belongToAnyOf(Inbox.class)
                .allowEmptyShould(true)
                .check(classes);

        String[] others = SERVICES.stream().filter(s -> !s.equals(service))
                .map(s -> "dev.ticketing." + s + "..").toArray(String[]::new);
        noClasses().that().resideInAPackage(root + "..")
                .should().dependOnClassesThat().resideInAnyPackage(others)
                .check(classes);
    }
}
