/**
 * Spring AOT for the packaged jar, used only when it is safe: the build records every
 * property its bean conditions read ({@link lux.launch.aot.ConditionReads}) with the
 * value it had ({@link lux.launch.aot.ConditionSnapshot}), and a start uses the
 * ahead-of-time bean definitions only when the run-time configuration gives the same
 * answers ({@link lux.launch.aot.AotStartDecision}); otherwise it starts the usual way.
 */
@NamedInterface("aot") // LuxApplication.main adds the start's decision
package lux.launch.aot;

import org.springframework.modulith.NamedInterface;
