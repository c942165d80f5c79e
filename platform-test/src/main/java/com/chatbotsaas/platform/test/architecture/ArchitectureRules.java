package com.chatbotsaas.platform.test.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;

/**
 * The house rules of a service, as tests: persistence stays inside its feature, features depend on each other in one
 * direction only, no service imports another's code, constructor injection only, no {@code Impl} pairs.
 */
public final class ArchitectureRules {

    private static final List<String> SERVICES =
            List.of("gateway", "auth", "userorg", "chatbot", "audit", "notification");

    private ArchitectureRules() {}

    /** Checks every rule against the production classes of one service, e.g. {@code check("userorg")}. */
    public static void check(String service) {
        String base = "com.chatbotsaas." + service;
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(base);

        classes()
                .that()
                .areAnnotatedWith("jakarta.persistence.Entity")
                .should()
                .notBePublic()
                .because("entities never leave their feature")
                .allowEmptyShould(true)
                .check(classes);
        classes()
                .that()
                .areAssignableTo("org.springframework.data.repository.Repository")
                .should()
                .notBePublic()
                .because("repositories are a feature's internals")
                .allowEmptyShould(true)
                .check(classes);
        slices().matching(base + ".(*)..")
                .should()
                .beFreeOfCycles()
                .because("a feature that needs one above it asks through a small interface it owns")
                .check(classes);
        for (String other : SERVICES) {
            if (!other.equals(service)) {
                noClasses()
                        .should()
                        .dependOnClassesThat()
                        .resideInAPackage("com.chatbotsaas." + other + "..")
                        .because("services share only the event contract, the API conventions and the BOM")
                        .check(classes);
            }
        }
        noFields()
                .should()
                .beAnnotatedWith("org.springframework.beans.factory.annotation.Autowired")
                .because("dependencies come through constructors")
                .allowEmptyShould(true)
                .check(classes);
        noClasses()
                .should()
                .haveSimpleNameEndingWith("Impl")
                .because("a single implementation needs no interface")
                .check(classes);
    }
}
