/**
 * The bootstrap program (project {@code kura-bootstrap}): the state backend, the per-environment KMS keys, GitHub's
 * keyless trust and the deployers with their roles. Owns the {@code kura-bootstrap:} settings.
 */
package ai.kuraos.infra.bootstrap;
