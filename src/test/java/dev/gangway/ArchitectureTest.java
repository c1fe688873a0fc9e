package dev.gangway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering of ARCHITECTURE.md, kept by tests rather than by memory. Plain Jupiter tests calling
 * {@code check}: ArchUnit's own JUnit engine ran no rule under our Surefire (it reported 0 tests).
 */
class ArchitectureTest {

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.gangway");
    }

    @Test
    void javafxStaysInUiAndApp() {
        javafxOnlyInUiAndApp.check(classes);
    }

    @Test
    void swingStaysInTheTerminalHost() {
        swingOnlyInTheTerminalHost.check(classes);
    }

    @Test
    void sdkTypesStayInCloudAndSandbox() {
        sdkTypesStayInCloudAndSandbox.check(classes);
    }

    @Test
    void servicesDoNotDependOnFrontEnds() {
        servicesDoNotDependOnFrontEnds.check(classes);
    }

    @Test
    void cloudDoesNotKnowTheSandbox() {
        cloudDoesNotKnowTheSandbox.check(classes);
    }

    @Test
    void jettyStaysInTheSandbox() {
        jettyOnlyInTheSandbox.check(classes);
    }

    @Test
    void hostKeysAreNeverAcceptedBlindly() {
        noAcceptAllHostKeys.check(classes);
    }

    static final ArchRule javafxOnlyInUiAndApp = noClasses()
            .that().resideOutsideOfPackages("dev.gangway.ui..", "dev.gangway.app..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "atlantafx..")
            .because("only the window may touch JavaFX; the CLI and the services must run without it");

    static final ArchRule swingOnlyInTheTerminalHost = noClasses()
            .that().resideOutsideOfPackage("dev.gangway.ui.terminal..")
            .should().dependOnClassesThat().resideInAnyPackage("javax.swing..", "java.awt..")
            .because("only ui.terminal may host Swing");

    static final ArchRule sdkTypesStayInCloudAndSandbox = noClasses()
            .that().resideInAnyPackage("dev.gangway.ui..", "dev.gangway.cli..", "dev.gangway.app..")
            .should().dependOnClassesThat().resideInAnyPackage("software.amazon.awssdk.services..")
            .because("cloud returns plain records, never SDK types");

    static final ArchRule servicesDoNotDependOnFrontEnds = noClasses()
            .that().resideInAnyPackage("dev.gangway.cloud..", "dev.gangway.ssh..", "dev.gangway.rdp..",
                    "dev.gangway.settings..", "dev.gangway.sandbox..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.gangway.ui..", "dev.gangway.cli..", "dev.gangway.app..")
            .because("dependencies point one way: ui and cli use the services, never the reverse");

    static final ArchRule cloudDoesNotKnowTheSandbox = noClasses()
            .that().resideInAPackage("dev.gangway.cloud..")
            .should().dependOnClassesThat().resideInAPackage("dev.gangway.sandbox..")
            .because("the inventory must work the same against AWS and against the sandbox");

    static final ArchRule jettyOnlyInTheSandbox = noClasses()
            .that().resideOutsideOfPackage("dev.gangway.sandbox..")
            .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.jetty..")
            .because("Jetty is the sandbox's server; Gangway's own clients use the JDK's HTTP and WebSocket client");

    static final ArchRule noAcceptAllHostKeys = noClasses()
            .should().dependOnClassesThat().haveSimpleName("AcceptAllServerKeyVerifier")
            .because("host keys are always verified");
}
