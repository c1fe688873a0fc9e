package dev.gangway;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rooms and arrows of docs/ARCHITECTURE.md, kept by tests rather than by memory. Plain Jupiter
 * tests calling {@code check}: ArchUnit's own JUnit engine ran no rule under our Surefire.
 */
class ArchitectureTest {

    static final String GANGWAY = "dev.gangway.";

    /** Rooms that two or more features share; they know no feature. */
    static final String[] SHARED = rooms("common", "instance", "aws", "settings", "connect", "terminal");

    /** Rooms a user can name; each may use the shared rooms, and another feature only where named below. */
    static final String[] FEATURES = rooms("inventory", "ssh", "instanceconnect", "rdp", "windowspassword", "ssm",
            "eice", "forward", "doctor", "allowip", "lifecycle");

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.gangway");
    }

    static String[] rooms(String... names) {
        String[] packages = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            packages[i] = GANGWAY + names[i] + "..";
        }
        return packages;
    }

    @Test
    void javafxStaysInTheWindow() {
        noClasses().that().resideOutsideOfPackages("..ui..", "dev.gangway.shell..", "dev.gangway.app..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "atlantafx..")
                .because("only the window may touch JavaFX; the CLI and the services must run without a display")
                .check(classes);
    }

    @Test
    void swingStaysInTheTerminalHost() {
        noClasses().that().resideOutsideOfPackage("dev.gangway.terminal.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("javax.swing..", "java.awt..")
                .because("only terminal.ui hosts Swing (JediTerm's widget)")
                .check(classes);
    }

    @Test
    void sdkTypesStayBehindTheServices() {
        noClasses().that().resideInAnyPackage("..ui..", "..cli..", "dev.gangway.shell..", "dev.gangway.app..")
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon.awssdk.services..")
                .because("clients of AWS return our records, never SDK types, so front ends stay the same for any "
                        + "cloud")
                .check(classes);
    }

    @Test
    void theCommandLineNeverNeedsTheWindow() {
        noClasses().that().resideInAPackage("..cli..")
                .should().dependOnClassesThat().resideInAnyPackage("..ui..", "dev.gangway.shell..")
                .because("every action runs from a shell without a display")
                .check(classes);
    }

    @Test
    void theWindowNeverTalksToTheSandbox() {
        noClasses().that().resideInAnyPackage("..ui..", "dev.gangway.shell..")
                .should().dependOnClassesThat().resideInAPackage("dev.gangway.sandbox..")
                .because("the window works the same against AWS and the sandbox; boot chooses which")
                .check(classes);
    }

    @Test
    void onlyTheCompositionRootsKnowTheSandbox() {
        noClasses().that().resideOutsideOfPackages("dev.gangway.sandbox..", "dev.gangway.boot..",
                        "dev.gangway.app..", "dev.gangway.cli")
                .should().dependOnClassesThat().resideInAPackage("dev.gangway.sandbox..")
                .because("features must behave the same against AWS and the sandbox; only boot, app and the "
                        + "shared CLI choose it")
                .check(classes);
    }

    @Test
    void theSandboxStandsOnItsOwn() {
        noClasses().that().resideInAPackage("dev.gangway.sandbox..")
                .should().dependOnClassesThat(resideInAnyPackage(concat(FEATURES, rooms("connect", "settings",
                        "terminal", "shell", "app", "boot", "cli"))).and(resideOutsideOfPackage("dev.gangway.ssm.protocol..")))
                .because("the sandbox plays AWS: it may share the domain records and the pure wire codecs its agent "
                        + "speaks (ssm.protocol), never Gangway's own clients")
                .check(classes);
    }

    @Test
    void sharedRoomsKnowNoFeature() {
        noClasses().that().resideInAnyPackage(SHARED)
                .should().dependOnClassesThat().resideInAnyPackage(concat(FEATURES, rooms("shell", "app", "boot", "cli")))
                .because("a shared room serves every feature; knowing one would tie the others to it")
                .check(classes);
    }

    @Test
    void featuresUseOnlyTheFeaturesNamedHere() {
        featureUses("inventory");
        featureUses("ssh", "instanceconnect");
        featureUses("instanceconnect");
        // Remote Desktop logs in with the decrypted Windows password.
        featureUses("rdp", "windowspassword");
        featureUses("windowspassword");
        featureUses("ssm");
        featureUses("eice");
        // Forwards are made by the routes that carry them: Session Manager and Instance Connect Endpoints.
        featureUses("forward", "ssm", "eice");
        // The doctor weighs every way in: it asks the rooms that own them.
        featureUses("doctor", "eice", "instanceconnect", "rdp", "ssh", "ssm");
        featureUses("allowip");
        featureUses("lifecycle");
    }

    private static void featureUses(String feature, String... allowed) {
        List<String> others = new ArrayList<>();
        for (String f : FEATURES) {
            String name = f.substring(GANGWAY.length(), f.length() - 2);
            if (!name.equals(feature) && !Arrays.asList(allowed).contains(name)) {
                others.add(f);
            }
        }
        noClasses().that().resideInAPackage(GANGWAY + feature + "..")
                .should().dependOnClassesThat().resideInAnyPackage(others.toArray(String[]::new))
                .because("features meet in the shared rooms; a new feature adds a room, not edits in others")
                .check(classes);
    }

    @Test
    void noCyclesBetweenRooms() {
        slices().matching("dev.gangway.(**)").should().beFreeOfCycles()
                .because("a cycle makes two rooms (or a room and its ui/ or cli/) one; nothing could be understood or moved alone")
                .check(classes);
    }

    @Test
    void jettyStaysInTheSandbox() {
        noClasses().that().resideOutsideOfPackage("dev.gangway.sandbox..")
                .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.jetty..")
                .because("Jetty is the sandbox's server; Gangway's own clients use the JDK's HTTP and WebSocket client")
                .check(classes);
    }

    @Test
    void hostKeysAreNeverAcceptedBlindly() {
        noClasses().should().dependOnClassesThat().haveSimpleName("AcceptAllServerKeyVerifier")
                .because("host keys are always verified")
                .check(classes);
    }

    static String[] concat(String[] a, String[] b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
