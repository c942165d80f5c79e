package com.chatbotsaas.platform;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The starter's packages depend on each other in one direction only, so each can be read and changed alone. */
class ArchitectureTest {

    private static final JavaClasses STARTER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.chatbotsaas.platform");

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("com.chatbotsaas.platform.(*)..")
                .should()
                .beFreeOfCycles()
                .check(STARTER);
    }
}
