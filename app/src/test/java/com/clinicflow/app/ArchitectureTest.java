package com.clinicflow.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of docs/architecture.md, checked over the compiled classes of every module
 * (the Maven enforcer checks the same for the workflows module's dependencies).
 */
class ArchitectureTest {

  private static JavaClasses clinicFlow;

  /**
   * Third-party jars are left out, ClinicFlow's own modules are not: a reactor {@code test} build
   * puts them on the classpath as {@code target/classes}, but {@code verify} (the README's and CI's
   * command) as their packaged jars, which {@code DO_NOT_INCLUDE_JARS} dropped, leaving every rule
   * with nothing to check. Test jars ({@code -tests.jar}) stay out.
   */
  static final ImportOption CLINICFLOW_MODULES_ONLY =
      location ->
          !location.isJar()
              || (location.contains("/clinicflow-") && !location.contains("-tests.jar"));

  @BeforeAll
  static void importClasses() {
    // Jars are not excluded: in a reactor `verify` the other modules reach this test as their
    // packaged jars, and excluding jars left every rule with nothing to check.
    // importPackages("com.clinicflow") already keeps third-party classes out.
    clinicFlow =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(CLINICFLOW_MODULES_ONLY)
            .importPackages("com.clinicflow");
  }

  @Test
  void nothingDependsOnTheComposition() {
    noClasses()
        .that()
        .resideOutsideOfPackage("com.clinicflow.app..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.clinicflow.app..")
        .check(clinicFlow);
  }

  @Test
  void workflowCodeKnowsOnlyTemporalJacksonAnnotationsAndItself() {
    classes()
        .that()
        .resideInAPackage("com.clinicflow.workflows..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "com.clinicflow.workflows..",
            "io.temporal..",
            "com.uber.m3..", // Temporal's metrics API (Workflow.getMetricsScope)
            "com.fasterxml.jackson.annotation..",
            "org.slf4j..",
            "java..")
        .check(clinicFlow);
  }

  @Test
  void theApiNeverUsesActivityImplementationsOrTheWorker() {
    noClasses()
        .that()
        .resideInAPackage("com.clinicflow.api..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.clinicflow.activities..", "com.clinicflow.worker..")
        .check(clinicFlow);
  }

  @Test
  void activitiesDoNotReachUpIntoTheEdgeOrTheWorker() {
    noClasses()
        .that()
        .resideInAPackage("com.clinicflow.activities..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("com.clinicflow.api..", "com.clinicflow.worker..")
        .check(clinicFlow);
  }

  @Test
  void workflowsNeverTouchTheClockOrRandomnessDirectly() {
    noClasses()
        .that()
        .resideInAPackage("com.clinicflow.workflows..")
        .and()
        .haveSimpleNameEndingWith("Impl")
        .should()
        .callMethod(System.class, "currentTimeMillis")
        .orShould()
        .callMethod(java.time.Instant.class, "now")
        .orShould()
        .callMethod(java.util.UUID.class, "randomUUID")
        .check(clinicFlow);
  }

  /**
   * Every change to workflow code is asked through {@code Changes}, so that a run with the baseline
   * records one version marker instead of one per change
   * (docs/decisions/0016-one-marker-per-run.md).
   */
  @Test
  void onlyChangesAsksTemporalForVersions() {
    noClasses()
        .that()
        .resideInAPackage("com.clinicflow..")
        .and()
        .doNotHaveFullyQualifiedName("com.clinicflow.workflows.common.Changes")
        .should()
        .callMethod(
            io.temporal.workflow.Workflow.class, "getVersion", String.class, int.class, int.class)
        .check(clinicFlow);
  }
}
