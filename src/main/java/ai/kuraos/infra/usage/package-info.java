/**
 * The usage a plan cannot know ({@code kura-infra:cost}): read with every other slice's settings, priced by the
 * {@code cost} engine.
 */
package ai.kuraos.infra.usage;
