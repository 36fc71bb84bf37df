package dev.ticketing.contract;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ContractArchitectureTest {
    @Test
    void depends_on_nothing_but_the_jdk_and_jackson() {
        classes().that().resideInAPackage("dev.ticketing.contract..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "com.fasterxml.jackson..",
                        "dev.ticketing.contract..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("dev.ticketing.contract"));
    }
}
