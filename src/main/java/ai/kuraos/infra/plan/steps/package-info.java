/**
 * The offline preview: from the committed plans to the working tree's, the step the engine would take for each
 * resource (create, import, update, replace, delete), what it does to the running system, and what it would refuse.
 * The replacement knowledge is data ({@code plan/replacements.yaml}); the engine's rules are {@link
 * ai.kuraos.infra.plan.steps.StepAnalysis}.
 */
package ai.kuraos.infra.plan.steps;
