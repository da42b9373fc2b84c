package dev.connector.sonarcloud;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/**
 * The package map holds: no package (at any depth) depends on another that depends back on it, and {@code web}, the
 * ground floor of cross-cutting web concerns, uses no other package of the service.
 */
class ArchitectureTest {

    private static final String ROOT = "dev.connector.sonarcloud";

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    static final ArchRule NO_CYCLES = slices().matching(ROOT + ".(**)").should().beFreeOfCycles();

    static final ArchRule WEB_IS_THE_GROUND_FLOOR = classes().that().resideInAPackage(ROOT + ".web..")
            .should().onlyDependOnClassesThat(not(resideInAPackage(ROOT + "..")).or(resideInAPackage(ROOT + ".web..")))
            .because("web holds cross-cutting web concerns and imports no feature package");

    @Test
    void noPackageCycles() {
        NO_CYCLES.check(MAIN);
    }

    @Test
    void webImportsNoFeaturePackage() {
        WEB_IS_THE_GROUND_FLOOR.check(MAIN);
    }

    /** The rule is not vacuous: two test packages that use each other are reported. */
    @Test
    void aCycleIsFound() {
        JavaClasses fixture = new ClassFileImporter().importPackages(ROOT + ".archfixture");
        EvaluationResult result = slices().matching(ROOT + ".archfixture.(**)").should().beFreeOfCycles()
                .evaluate(fixture);
        assertThat(result.hasViolation()).isTrue();
        assertThat(MAIN.containPackage(ROOT + ".web")).isTrue();
        assertThat(MAIN.containPackage(ROOT + ".action")).isTrue();
    }
}
