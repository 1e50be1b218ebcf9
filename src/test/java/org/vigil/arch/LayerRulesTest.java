package org.vigil.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Vigil's packages only point down (docs/architecture.md has the picture). Bottom to top:
 * <pre>
 *   base nd capture alerts                 (no Vigil dependencies)
 *   classify  -> nd base
 *   data      -> classify (labelled face sets: FER-2013 folders/CSV, FER+ votes)
 *   detect    -> classify
 *   track     -> detect
 *   rules     -> alerts classify
 *   pipeline  -> capture detect track classify rules alerts
 *   nursecall -> alerts rules  (reports alerts to the hospital's nurse call)
 *   eval, explain, train (train may use eval's charts, never the reverse)
 *   metrics   -> pipeline capture alerts (Micrometer meters fed by pipeline and alert events; /metrics)
 *   app       -> the composition root: builds model, detector, alert system, pipeline and outputs
 *   ward      -> app and below (edge boxes and the central station over MQTT 5)
 *   ui        -> app and below
 *   bench     -> ui and below
 *   cli       -> everything
 * </pre>
 */
@AnalyzeClasses(packages = "org.vigil", importOptions = ImportOption.DoNotIncludeTests.class)
class LayerRulesTest {

    @ArchTest
    static final ArchRule every_class_is_in_a_known_layer = classes().that().resideInAPackage("org.vigil..")
            .should().resideInAnyPackage("org.vigil.base..", "org.vigil.nd..", "org.vigil.data..", "org.vigil.capture..",
                    "org.vigil.alerts..", "org.vigil.classify..", "org.vigil.detect..", "org.vigil.track..",
                    "org.vigil.rules..", "org.vigil.pipeline..", "org.vigil.nursecall..", "org.vigil.eval..", "org.vigil.explain..",
                    "org.vigil.train..", "org.vigil.metrics..", "org.vigil.app..", "org.vigil.ward..", "org.vigil.ui..", "org.vigil.bench..", "org.vigil.cli..")
            .because("a new package needs its place in the layers (LayerRulesTest, docs/architecture.md)");

    @ArchTest
    static final ArchRule layers_only_point_down = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("base").definedBy("org.vigil.base..")
            .layer("nd").definedBy("org.vigil.nd..")
            .layer("data").definedBy("org.vigil.data..")
            .layer("capture").definedBy("org.vigil.capture..")
            .layer("alerts").definedBy("org.vigil.alerts..")
            .layer("classify").definedBy("org.vigil.classify..")
            .layer("detect").definedBy("org.vigil.detect..")
            .layer("track").definedBy("org.vigil.track..")
            .layer("rules").definedBy("org.vigil.rules..")
            .layer("pipeline").definedBy("org.vigil.pipeline..")
            .layer("nursecall").definedBy("org.vigil.nursecall..")
            .layer("eval").definedBy("org.vigil.eval..")
            .layer("explain").definedBy("org.vigil.explain..")
            .layer("train").definedBy("org.vigil.train..")
            .layer("metrics").definedBy("org.vigil.metrics..")
            .layer("app").definedBy("org.vigil.app..")
            .layer("ward").definedBy("org.vigil.ward..")
            .layer("ui").definedBy("org.vigil.ui..")
            .layer("bench").definedBy("org.vigil.bench..")
            .layer("cli").definedBy("org.vigil.cli..")
            .whereLayer("base").mayNotAccessAnyLayer()
            .whereLayer("nd").mayOnlyAccessLayers("base")
            .whereLayer("data").mayOnlyAccessLayers("base", "classify")
            .whereLayer("capture").mayOnlyAccessLayers("base")
            .whereLayer("alerts").mayOnlyAccessLayers("base")
            .whereLayer("classify").mayOnlyAccessLayers("base", "nd")
            .whereLayer("detect").mayOnlyAccessLayers("base", "nd", "classify")
            .whereLayer("track").mayOnlyAccessLayers("base", "detect")
            .whereLayer("rules").mayOnlyAccessLayers("base", "alerts", "classify")
            .whereLayer("pipeline").mayOnlyAccessLayers("base", "nd", "capture", "alerts", "classify", "detect", "track", "rules")
            .whereLayer("nursecall").mayOnlyAccessLayers("base", "alerts", "rules")
            .whereLayer("eval").mayOnlyAccessLayers("base", "nd", "data", "capture", "alerts", "classify", "detect", "track",
                    "rules", "pipeline")
            .whereLayer("explain").mayOnlyAccessLayers("base", "nd", "data", "classify", "detect")
            .whereLayer("train").mayOnlyAccessLayers("base", "nd", "data", "classify", "eval")
            .whereLayer("metrics").mayOnlyAccessLayers("base", "capture", "alerts", "pipeline")
            .whereLayer("app").mayOnlyAccessLayers("base", "nd", "capture", "alerts", "classify", "detect", "track", "rules",
                    "pipeline", "nursecall", "metrics")
            .whereLayer("ward").mayOnlyAccessLayers("base", "nd", "capture", "alerts", "classify", "detect", "track", "rules",
                    "pipeline", "nursecall", "metrics", "app")
            .whereLayer("ui").mayOnlyAccessLayers("base", "nd", "capture", "alerts", "classify", "detect", "track", "rules",
                    "pipeline", "app", "ward", "metrics")
            .whereLayer("bench").mayOnlyAccessLayers("base", "nd", "data", "capture", "alerts", "classify", "detect", "track",
                    "rules", "pipeline", "eval", "train", "app", "ward", "ui", "metrics")
            .whereLayer("cli").mayOnlyAccessLayers("base", "nd", "data", "capture", "alerts", "classify", "detect", "track",
                    "rules", "pipeline", "nursecall", "eval", "explain", "train", "app", "ward", "ui", "bench", "metrics");

    @ArchTest
    static final ArchRule no_package_cycles = slices().matching("org.vigil.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule lower_layers_never_use_the_command_line = classes()
            .that().resideOutsideOfPackages("org.vigil.cli..", "org.vigil.bench..")
            .should().onlyDependOnClassesThat().resideOutsideOfPackage("picocli..")
            .because("options are parsed at the top; the layers below take settings (org.vigil.app.Settings)");
}
