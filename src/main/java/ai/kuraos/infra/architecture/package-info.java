/**
 * The picture of a stack drawn from its plan: a Mermaid flowchart of the components and the paths a request and the
 * data take ({@code stacks/<stack>/architecture.md}), and the same picture with a change's parts marked, for review.
 */
package ai.kuraos.infra.architecture;
